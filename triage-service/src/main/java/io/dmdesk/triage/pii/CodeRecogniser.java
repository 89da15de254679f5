package io.dmdesk.triage.pii;

import io.dmdesk.contracts.EntitySpan;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Letter-and-digit codes: UK National Insurance numbers, UK and Norwegian postcodes, UK and Norwegian number
 * plates. Each candidate is checked against the issuing rules, so "AB12 XYZ" style words that cannot be issued
 * are not flagged. Norwegian plates and postcodes are plain digits to a regex, so they need context.
 */
final class CodeRecogniser implements Recogniser {

    private static final Pattern NINO =
            Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-Da-d](?![A-Za-z0-9])");
    private static final Pattern UK_POSTCODE =
            Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{1,2}\\d[A-Za-z\\d]? ?\\d[A-Za-z]{2}(?![A-Za-z0-9])");
    private static final Pattern UK_PLATE =
            Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{2}\\d{2} ?[A-Za-z]{3}(?![A-Za-z0-9])");
    // Norwegian plates: two letters (never G, I, M, O, Q, W, Æ, Ø, Å) and five digits; electric cars' EL/EK too.
    private static final Pattern NO_PLATE =
            Pattern.compile("(?<![\\p{L}\\d])([A-FHJKLNPR-VX-Za-fhjklnpr-vx-z]{2}) ?([1-9]\\d{4})(?![\\p{L}\\d])");
    private static final Pattern NO_POSTCODE = Pattern.compile(
            "(?<![\\d.,:/-])(?<!\\d\\d\\d\\d )(\\d{4})(?:,)? (\\p{Lu}[\\p{L}-]+)|(?i:postnummer|postnr\\.?|postcode) ?:? ?(\\d{4})(?!\\d)");

    // Capitalised words after four digits that are units, not places ("1500 Kroner").
    private static final Set<String> NOT_PLACES = Set.of(
            "kroner",
            "kr",
            "nok",
            "euro",
            "pounds",
            "timer",
            "dager",
            "personer",
            "people",
            "stk",
            "meter",
            "km",
            "kilometer",
            "followers",
            "følgere");

    private final Set<String> plateCues;

    CodeRecogniser(Set<String> plateCues) {
        this.plateCues = plateCues;
    }

    @Override
    public void find(Words words, List<EntitySpan> into) {
        // Every code here has digits: search only near words that contain one.
        for (int[] window : words.windowsAroundDigits(12, 30)) {
            find(words.text, window, into);
        }
    }

    private void find(String text, int[] window, List<EntitySpan> into) {
        Matcher m = Words.in(NINO.matcher(text), window);
        while (m.find()) {
            if (UkIds.nino(compact(m.group()))) {
                into.add(new EntitySpan("NATIONAL_ID", m.start(), m.end(), 0.9, "uk-nino-rules"));
            }
        }
        m = Words.in(UK_POSTCODE.matcher(text), window);
        while (m.find()) {
            String g = m.group();
            // Lower-case codes without the space ("b12ab") are too often something else.
            if (UkIds.postcode(compact(g)) && (g.indexOf(' ') > 0 || !g.equals(g.toLowerCase(Locale.ROOT)))) {
                into.add(new EntitySpan("POSTCODE", m.start(), m.end(), 0.85, "uk-postcode-format"));
            }
        }
        m = Words.in(UK_PLATE.matcher(text), window);
        while (m.find()) {
            String g = m.group();
            boolean upper = g.equals(g.toUpperCase(Locale.ROOT));
            if (UkIds.plate(compact(g)) && (upper || Recogniser.cueBefore(text, m.start(), 40, plateCues))) {
                into.add(new EntitySpan("VEHICLE_REG", m.start(), m.end(), 0.85, "uk-plate-age-identifier"));
            }
        }
        m = Words.in(NO_PLATE.matcher(text), window);
        while (m.find()) {
            String letters = m.group(1);
            boolean upper = letters.equals(letters.toUpperCase(Locale.ROOT));
            if (upper || Recogniser.cueBefore(text, m.start(), 40, plateCues)) {
                into.add(new EntitySpan("VEHICLE_REG", m.start(), m.end(), upper ? 0.75 : 0.85, "no-plate-format"));
            }
        }
        m = Words.in(NO_POSTCODE.matcher(text), window);
        while (m.find()) {
            if (m.group(1) != null) {
                int code = Integer.parseInt(m.group(1));
                boolean year = code >= 1900 && code <= 2099;
                if (!year && !NOT_PLACES.contains(m.group(2).toLowerCase(Locale.ROOT))) {
                    into.add(new EntitySpan("POSTCODE", m.start(1), m.end(1), 0.75, "no-postcode-place"));
                }
            } else {
                into.add(new EntitySpan("POSTCODE", m.start(3), m.end(3), 0.85, "no-postcode-cue"));
            }
        }
    }

    private static String compact(String s) {
        return s.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
