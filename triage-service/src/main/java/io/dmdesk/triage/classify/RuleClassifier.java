package io.dmdesk.triage.classify;

import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.contracts.Sensitivity;
import io.dmdesk.contracts.Urgency;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * First rules: danger terms plus "happening now" cues make an EMERGENCY, figurative uses ("killing me lol")
 * and past tense ("last year") do not. Every decision lists the terms that produced it. Recall on emergencies
 * comes first: when danger and now-cues meet, no figurative cue overrides a second danger term.
 */
@Component
public class RuleClassifier implements Classifier {

    public static final String VERSION = "rules-0.1";

    private static final Pattern DANGER = words(
            "stab(bed|bing)?", "knife", "gun", "shot", "shooting", "kill(ing)?", "attack(ing|ed)?", "hit(ting)?",
            "punch(ing|ed)?", "kick(ing)? (my|the) door", "breaking in", "break(ing)? into", "bleeding",
            "help me", "fire", "hurt(ing)? me", "threaten(ing)?", "following me", "strangl(e|ing)",
            "kill myself", "end my life", "suicide", "overdose",
            "knivstukket", "kniv", "pistol", "skyt(er|ing)", "slår", "sparker", "bryter seg inn", "hjelp",
            "blør", "truer", "forfølger", "ta livet mitt", "drepe meg selv", "selvmord");
    private static final Pattern NOW = words(
            "right now", "now", "happening", "at the moment", "currently", "is being", "are being", "outside my",
            "in my house", "still here", "help", "please hurry", "nå", "akkurat nå", "skjer", "utenfor", "hjelp",
            "kill myself", "end my life", "ta livet mitt", "drepe meg selv");
    private static final Pattern FIGURATIVE = words(
            "lol", "lmao", "haha", "killing me", "dying of", "dead 😂", "queue", "drepe meg av latter", "😂", "🤣");
    private static final Pattern PAST = words(
            "last (year|month|week|night)", "yesterday", "years ago", "ago", "was stabbed", "was attacked",
            "i fjor", "i går", "forrige (uke|måned)", "for \\w+ siden");
    private static final Pattern URGENT = words(
            "just (been|happened)", "minutes ago", "keeps? (messaging|calling|threatening)", "harass(ing|ment)",
            "scared", "afraid", "transfer(red)? money", "scam(med)?", "stalking", "nettopp", "redd", "trakasser");

    private static final Map<Category, Pattern> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put(Category.DOMESTIC_ABUSE, words("my (partner|husband|wife|boyfriend|girlfriend|ex)",
                "scared to go home", "samboer", "mannen min", "kona mi", "kjæresten min"));
        CATEGORIES.put(Category.SEXUAL_OFFENCE, words("rape(d)?", "sexual(ly)? assault(ed)?", "groped", "voldtatt"));
        CATEGORIES.put(Category.WEAPONS, words("knife", "gun", "kniv", "pistol", "machete"));
        CATEGORIES.put(Category.VIOLENCE, words("stab(bed|bing)?", "attack(ed|ing)?", "assault(ed)?",
                "punch(ed|ing)?", "hit me", "beaten", "slått", "slår", "angrep"));
        CATEGORIES.put(Category.BURGLARY, words("burglar(y|s)?", "broke into (my|the) (house|flat|home|shed)",
                "breaking in", "kick(ing)? (my|the) door", "innbrudd", "bryter seg inn"));
        CATEGORIES.put(Category.VEHICLE_CRIME, words("(my|the) car", "broke into my car", "bike stolen",
                "stolen (car|bike|van)", "bilen min", "sykkelen min"));
        CATEGORIES.put(Category.ROBBERY, words("robbed", "mugged", "ran(sak)?", "raner"));
        CATEGORIES.put(Category.FRAUD_SCAM, words("scam(med)?", "fraud", "phishing", "svindel", "svindlet"));
        CATEGORIES.put(Category.THREAT_HARASSMENT, words("threaten(ing|ed)?", "harass(ing|ment)", "stalking",
                "truer", "trakasser"));
        CATEGORIES.put(Category.THEFT, words("stolen", "stole", "theft", "shoplift(ing)?", "stjålet", "tyveri"));
        CATEGORIES.put(Category.CRIMINAL_DAMAGE, words("smashed", "vandalis(ed|m)", "graffiti", "knust", "hærverk"));
        CATEGORIES.put(Category.CONCERN_FOR_WELFARE, words("kill myself", "end my life", "suicide",
                "ta livet mitt", "selvmord"));
        CATEGORIES.put(Category.DRUGS, words("drugs?", "dealing", "cannabis", "narkotika", "dop"));
        CATEGORIES.put(Category.MISSING_PERSON, words("missing", "savnet"));
        CATEGORIES.put(Category.LOST_FOUND_PROPERTY, words("lost (my|a)", "found (a|an)", "mistet", "funnet"));
        CATEGORIES.put(Category.FEEDBACK, words("thank you", "complain(t)?", "takk"));
    }

    private static final Pattern NORWEGIAN = words("jeg", "ikke", "og", "er", "det", "meg", "min", "mitt", "har",
            "på", "en", "et", "som", "hjelp", "nå", "politiet", "eg", "ikkje");
    private static final Pattern ENGLISH = words("i", "the", "and", "is", "my", "me", "a", "to", "have", "was",
            "someone", "police", "help", "in", "of");

    @Override
    public Classification classify(String text, Channel channel) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> reasons = new ArrayList<>();

        List<String> danger = all(DANGER, lower);
        List<String> now = all(NOW, lower);
        List<String> figurative = all(FIGURATIVE, lower);
        List<String> past = all(PAST, lower);
        List<String> urgent = all(URGENT, lower);

        Urgency urgency;
        if (!danger.isEmpty() && !now.isEmpty() && (figurative.isEmpty() || danger.size() > 1) && past.isEmpty()) {
            urgency = Urgency.EMERGENCY;
            reasons.add("urgency:EMERGENCY danger " + danger + " + now " + now);
        } else if (!danger.isEmpty() && figurative.isEmpty() || !urgent.isEmpty()) {
            urgency = Urgency.URGENT;
            reasons.add("urgency:URGENT " + (danger.isEmpty() ? "cues " + urgent : "danger " + danger
                    + (past.isEmpty() ? " without now-cue" : " in the past " + past)));
        } else {
            urgency = null;
        }
        if (!figurative.isEmpty()) {
            reasons.add("figurative " + figurative);
        }

        Category category = Category.OTHER;
        for (Map.Entry<Category, Pattern> rule : CATEGORIES.entrySet()) {
            List<String> hits = all(rule.getValue(), lower);
            if (!hits.isEmpty()) {
                category = rule.getKey();
                reasons.add("category:" + category + " " + hits);
                break;
            }
        }
        if (urgency == null) {
            boolean nonCrime = category == Category.OTHER || category == Category.LOST_FOUND_PROPERTY
                    || category == Category.FEEDBACK;
            urgency = nonCrime ? Urgency.NON_CRIME : Urgency.ROUTINE;
            reasons.add("urgency:" + urgency + (nonCrime ? " no crime terms" : " crime without urgency cues"));
            if (category == Category.OTHER && !figurative.isEmpty()) {
                category = Category.GENERAL_ENQUIRY;
            }
        }

        List<EntitySpan> entities = PersonalData.find(text);
        Sensitivity sensitivity = entities.isEmpty() ? Sensitivity.NONE : Sensitivity.PERSONAL;
        if (!entities.isEmpty()) {
            reasons.add("sensitivity:PERSONAL " + entities.stream().map(EntitySpan::type).distinct().toList());
        }
        String language = all(NORWEGIAN, lower).size() > all(ENGLISH, lower).size() ? "nb" : "en";
        return new Classification(urgency, category, sensitivity, language, entities, List.of(),
                PersonalData.redact(text, entities), List.copyOf(reasons), VERSION);
    }

    private static List<String> all(Pattern p, String text) {
        List<String> hits = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            hits.add(m.group());
        }
        return hits;
    }

    private static Pattern words(String... alternatives) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}])",
                Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE);
    }
}
