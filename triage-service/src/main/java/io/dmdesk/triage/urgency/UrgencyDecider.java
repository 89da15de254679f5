package io.dmdesk.triage.urgency;

import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.triage.category.CategoryDecider;
import io.dmdesk.triage.rules.Evidence;
import io.dmdesk.triage.rules.Hit;
import io.dmdesk.triage.rules.Signals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * UK 999 / Norway 112 urgency from the evidence of one message. Missing an emergency is far worse than a false
 * alarm, so danger whose wording is present ("is stabbing", "kicking my door") or any danger with a now-cue is
 * an EMERGENCY unless the message tells otherwise: the danger is in the past, negated, figurative, hypothetical,
 * habitual ("every night") rather than happening, or the only danger term in a laughing message.
 */
public final class UrgencyDecider {

    /** @param joking a laughing message whose only danger term was discounted: not a crime report either */
    public record Decision(Urgency urgency, List<String> reasons, boolean joking) {}

    public Decision decide(Evidence e, CategoryDecider.Decision category) {
        List<String> why = new ArrayList<>();
        int danger = distinctSpans(e, Signals.DANGER, Signals.DANGER_NOW, Signals.SELF_HARM);
        boolean joking = e.has(Signals.LAUGHTER) && danger == 1;
        boolean hypothetical = e.has(Signals.HYPOTHETICAL);
        boolean now = e.has(Signals.NOW);
        // Past wording holds danger back only when nothing says it is still going on.
        boolean over = e.has(Signals.PAST) && !now;
        // "someone is ..." makes time-neutral danger current, unless the message also speaks of the past.
        boolean current = now || e.has(Signals.PRESENT) && !e.has(Signals.PAST);
        boolean habitual = e.has(Signals.HABITUAL) && !now;
        if (joking) {
            why.add("laughter " + e.describe(Signals.LAUGHTER) + " with a single danger term: not an emergency");
        }
        if (hypothetical) {
            why.add("hypothetical " + e.describe(Signals.HYPOTHETICAL));
        }
        if (!e.cancelled().isEmpty()) {
            why.add("cancelled " + e.cancelled());
        }
        if (!joking && !hypothetical) {
            if (e.has(Signals.SELF_HARM) && !over) {
                return emergency(why, "self-harm intent " + e.describe(Signals.SELF_HARM));
            }
            if (e.has(Signals.DANGER_NOW) && !over && !habitual) {
                return emergency(why, "danger in present wording " + e.describe(Signals.DANGER_NOW) + nowNote(e));
            }
            if (e.has(Signals.DANGER) && current) {
                return emergency(
                        why,
                        "danger " + e.describe(Signals.DANGER) + " + now " + e.describe(Signals.NOW)
                                + e.describe(Signals.PRESENT));
            }
            if (e.has(Signals.MISSING) && e.has(Signals.VULNERABLE) && !over) {
                return emergency(
                        why,
                        "vulnerable missing person " + e.describe(Signals.MISSING) + " + "
                                + e.describe(Signals.VULNERABLE));
            }
            if (e.has(Signals.WELFARE) && now) {
                return emergency(
                        why, "welfare risk " + e.describe(Signals.WELFARE) + " + now " + e.describe(Signals.NOW));
            }
            // Recall backstop: many weak cues together, in a message that does not speak of the past.
            int alarm = alarmScore(e);
            if (alarm >= ALARM_THRESHOLD && !e.has(Signals.PAST)) {
                return emergency(
                        why,
                        "accumulated alarm cues (score " + alarm + ") " + e.describe(Signals.ALARM)
                                + e.describe(Signals.DANGER) + e.describe(Signals.NOW) + e.describe(Signals.PRESENT)
                                + e.describe(Signals.FEAR));
            }
        }
        boolean crime = !CategoryDecider.NON_CRIME.contains(category.category());
        List<String> urgent = new ArrayList<>();
        if (!joking && !hypothetical) {
            if (e.has(Signals.SELF_HARM) || e.has(Signals.WELFARE)) {
                urgent.add("welfare " + e.describe(Signals.SELF_HARM) + e.describe(Signals.WELFARE));
            }
            if ((e.has(Signals.DANGER) || e.has(Signals.DANGER_NOW)) && !over && crime) {
                urgent.add("danger without a now-cue " + e.describe(Signals.DANGER) + e.describe(Signals.DANGER_NOW)
                        + (habitual ? " habitual " + e.describe(Signals.HABITUAL) : ""));
            }
        }
        if (e.has(Signals.ONGOING) && (crime || e.has(Signals.FEAR))) {
            urgent.add("ongoing " + e.describe(Signals.ONGOING));
        }
        if (e.has(Signals.FEAR) && !hypothetical) {
            urgent.add("fear " + e.describe(Signals.FEAR));
        }
        // Fraud is urgent while money can still be stopped: only with a recent or current cue.
        if (e.has(Signals.MONEY_MOVING) && !over && (e.has(Signals.RECENT) || now || e.has(Signals.PRESENT))) {
            urgent.add("money still moving " + e.describe(Signals.MONEY_MOVING) + e.describe(Signals.RECENT)
                    + e.describe(Signals.NOW));
        }
        if (e.has(Signals.MISSING) && !hypothetical) {
            urgent.add("missing person " + e.describe(Signals.MISSING));
        }
        if (crime && now && !hypothetical) {
            urgent.add("a " + category.category() + " going on now " + e.describe(Signals.NOW));
        }
        if (crime && e.has(Signals.VULNERABLE) && !over && !hypothetical) {
            urgent.add("vulnerable victim " + e.describe(Signals.VULNERABLE));
        }
        if (category.category() == Category.DOMESTIC_ABUSE && !over && !hypothetical) {
            urgent.add("domestic abuse is rarely over when it is reported");
        }
        if (e.has(Signals.RECENT) && crime && !hypothetical && !over) {
            urgent.add("just happened " + e.describe(Signals.RECENT) + " to a " + category.category());
        }
        if (!urgent.isEmpty()) {
            why.add(0, "urgency:URGENT " + String.join("; ", urgent));
            return new Decision(Urgency.URGENT, why, false);
        }
        if (crime && !hypothetical && !joking) {
            why.add(
                    0,
                    "urgency:ROUTINE " + category.category()
                            + (over ? " in the past " + e.describe(Signals.PAST) : " without urgency cues"));
            return new Decision(Urgency.ROUTINE, why, false);
        }
        why.add(
                0,
                "urgency:NON_CRIME "
                        + (hypothetical
                                ? "hypothetical"
                                : joking ? "joking" : category.category() + " is not a crime"));
        return new Decision(Urgency.NON_CRIME, why, joking);
    }

    static final int ALARM_THRESHOLD = 5;

    /**
     * Alarm cues by weight (distinct terms), plus danger (2 each), fear, now (1 each) and present-tense cues (1 in
     * all): "i can hear someone downstairs 😰" or "blood all over him, the guy is still there" reach the threshold
     * without any one phrase being in the lexicon.
     */
    private static int alarmScore(Evidence e) {
        int score = 0;
        Set<String> seen = new HashSet<>();
        for (Hit h : e.get(Signals.ALARM)) {
            if (seen.add(h.term())) {
                score += h.weight();
            }
        }
        score += 2 * distinctSpans(e, Signals.DANGER)
                + distinctSpans(e, Signals.FEAR)
                + distinctSpans(e, Signals.NOW)
                + (e.has(Signals.PRESENT) ? 1 : 0);
        return score;
    }

    /** Danger evidence counted by place in the text: "gonna kill me" is one piece of evidence, however many rules match it. */
    private static int distinctSpans(Evidence e, String... groups) {
        List<Hit> hits = new ArrayList<>();
        for (String g : groups) {
            hits.addAll(e.get(g));
        }
        hits.sort(Comparator.comparingInt(Hit::first));
        int count = 0;
        int end = -1;
        for (Hit h : hits) {
            if (h.first() > end) {
                count++;
            }
            end = Math.max(end, h.last());
        }
        return count;
    }

    private static String nowNote(Evidence e) {
        return e.has(Signals.NOW) ? " + now " + e.describe(Signals.NOW) : "";
    }

    private static Decision emergency(List<String> why, String reason) {
        why.add(0, "urgency:EMERGENCY " + reason);
        return new Decision(Urgency.EMERGENCY, why, false);
    }
}
