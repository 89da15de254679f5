package io.dmdesk.triage.urgency;

import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.triage.category.CategoryDecider;
import io.dmdesk.triage.rules.Evidence;
import io.dmdesk.triage.rules.Signals;
import java.util.ArrayList;
import java.util.List;

/**
 * UK 999 / Norway 112 urgency from the evidence of one message. Missing an emergency is far worse than a false
 * alarm, so danger whose wording is present ("is stabbing", "kicking my door") or any danger with a now-cue is
 * an EMERGENCY unless the message tells otherwise: the danger is in the past, negated, figurative, hypothetical,
 * or the only danger term in a laughing message.
 */
public final class UrgencyDecider {

    public record Decision(Urgency urgency, List<String> reasons) {
    }

    public Decision decide(Evidence e, CategoryDecider.Decision category) {
        List<String> why = new ArrayList<>();
        int danger = e.count(Signals.DANGER) + e.count(Signals.DANGER_NOW) + e.count(Signals.SELF_HARM);
        boolean joking = e.has(Signals.LAUGHTER) && danger <= 1;
        boolean hypothetical = e.has(Signals.HYPOTHETICAL);
        boolean now = e.has(Signals.NOW);
        // Past wording only holds the danger back when nothing says it is still going on.
        boolean over = e.has(Signals.PAST) && !now;
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
            if (e.has(Signals.DANGER_NOW) && !over) {
                return emergency(why, "danger in present wording " + e.describe(Signals.DANGER_NOW) + nowNote(e));
            }
            if (e.has(Signals.DANGER) && now) {
                return emergency(why, "danger " + e.describe(Signals.DANGER) + " + now " + e.describe(Signals.NOW));
            }
            if (e.has(Signals.MISSING) && e.has(Signals.VULNERABLE) && !over) {
                return emergency(why, "vulnerable missing person " + e.describe(Signals.MISSING) + " + "
                        + e.describe(Signals.VULNERABLE));
            }
            if (e.has(Signals.WELFARE) && now) {
                return emergency(why, "welfare risk " + e.describe(Signals.WELFARE) + " + now " + e.describe(Signals.NOW));
            }
        }
        boolean crime = !CategoryDecider.NON_CRIME.contains(category.category());
        List<String> urgent = new ArrayList<>();
        if (!joking && !hypothetical) {
            if (e.has(Signals.SELF_HARM) || e.has(Signals.WELFARE)) {
                urgent.add("welfare " + e.describe(Signals.SELF_HARM) + e.describe(Signals.WELFARE));
            }
            if ((e.has(Signals.DANGER) || e.has(Signals.DANGER_NOW)) && !over) {
                urgent.add("danger without a now-cue " + e.describe(Signals.DANGER) + e.describe(Signals.DANGER_NOW));
            }
        }
        if (e.has(Signals.ONGOING) && (crime || e.has(Signals.FEAR))) {
            urgent.add("ongoing " + e.describe(Signals.ONGOING));
        }
        if (e.has(Signals.FEAR) && !hypothetical) {
            urgent.add("fear " + e.describe(Signals.FEAR));
        }
        if (e.has(Signals.MONEY_MOVING)) {
            urgent.add("money still moving " + e.describe(Signals.MONEY_MOVING));
        }
        if (e.has(Signals.MISSING) && !hypothetical) {
            urgent.add("missing person " + e.describe(Signals.MISSING));
        }
        if (e.has(Signals.RECENT) && crime && !hypothetical) {
            urgent.add("just happened " + e.describe(Signals.RECENT) + " to a " + category.category());
        }
        if (!urgent.isEmpty()) {
            why.add(0, "urgency:URGENT " + String.join("; ", urgent));
            return new Decision(Urgency.URGENT, why);
        }
        if (crime && !hypothetical) {
            why.add(0, "urgency:ROUTINE " + category.category() + (over ? " in the past " + e.describe(Signals.PAST)
                    : " without urgency cues"));
            return new Decision(Urgency.ROUTINE, why);
        }
        why.add(0, "urgency:NON_CRIME " + (hypothetical ? "hypothetical" : category.category() + " is not a crime"));
        return new Decision(Urgency.NON_CRIME, why);
    }

    private static String nowNote(Evidence e) {
        return e.has(Signals.NOW) ? " + now " + e.describe(Signals.NOW) : "";
    }

    private static Decision emergency(List<String> why, String reason) {
        why.add(0, "urgency:EMERGENCY " + reason);
        return new Decision(Urgency.EMERGENCY, why);
    }
}
