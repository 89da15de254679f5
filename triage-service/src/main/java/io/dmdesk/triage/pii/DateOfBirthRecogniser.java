package io.dmdesk.triage.pii;

import io.dmdesk.contracts.EntitySpan;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates are personal data when they are someone's birth date: a date right after a birth cue ("born", "DOB",
 * "født", "fødd"). Other dates (when something happened) are not flagged.
 */
final class DateOfBirthRecogniser implements Recogniser {

    private static final String MONTHS = "jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch|s)?|apr(?:il)?|ma[iy]|"
            + "jun[ei]?|jul[iy]?|aug(?:ust)?|sep(?:t|tember)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cs](?:ember)?";
    private static final Pattern DATE = Pattern.compile("(?iu)(?<![\\d\\p{L}])(?:"
            + "(?:0?[1-9]|[12]\\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:19|20)?\\d\\d"
            + "|(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th|\\.)?\\s+(?:of\\s+)?(?:" + MONTHS + ")\\.?,?\\s+(?:19|20)\\d\\d"
            + "|(?:" + MONTHS + ")\\.?\\s+(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d\\d"
            + ")(?![\\d\\p{L}])");

    private final Set<String> cues;

    private boolean anyCue(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String cue : cues) {
            if (lower.contains(cue)) {
                return true;
            }
        }
        return false;
    }

    DateOfBirthRecogniser(Set<String> cues) {
        this.cues = cues;
    }

    @Override
    public void find(Words words, List<EntitySpan> into) {
        String text = words.text;
        if (cues.isEmpty() || !words.hasDigit || !anyCue(text)) {
            return;
        }
        Matcher m = DATE.matcher(text);
        while (m.find()) {
            if (Recogniser.cueBefore(text, m.start(), 20, cues)) {
                into.add(new EntitySpan("DATE_OF_BIRTH", m.start(), m.end(), 0.85, "dob-cue"));
            }
        }
    }
}
