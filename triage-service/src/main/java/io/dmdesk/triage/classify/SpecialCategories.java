package io.dmdesk.triage.classify;

import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.triage.category.CategoryDecider;
import io.dmdesk.triage.rules.Evidence;
import io.dmdesk.triage.rules.Signals;
import java.util.ArrayList;
import java.util.List;

/**
 * Special-category flags: the lexicon's {@code special:} terms (health, religion, ...), plus a criminal allegation
 * when a crime is reported about someone identifiable (an accused person word such as "my neighbour", a name
 * other than the writer's own, or a number plate).
 */
final class SpecialCategories {

    List<String> flags(Evidence e, List<EntitySpan> entities, Category category, List<String> reasons) {
        List<String> flags = new ArrayList<>();
        e.byGroup().forEach((group, hits) -> {
            if (group.startsWith(Signals.SPECIAL_PREFIX)) {
                String flag = group.substring(Signals.SPECIAL_PREFIX.length());
                flags.add(flag);
                reasons.add("special:" + flag + " " + e.describe(group));
            }
        });
        if (!CategoryDecider.NON_CRIME.contains(category) && !flags.contains("CRIMINAL_ALLEGATION")) {
            boolean identified = e.has(Signals.ACCUSED)
                    || entities.stream()
                            .anyMatch(s -> s.type().equals("VEHICLE_REG")
                                    || s.type().equals("PERSON")
                                            && !s.recogniser().equals("name-cue"));
            if (identified) {
                flags.add("CRIMINAL_ALLEGATION");
                reasons.add("special:CRIMINAL_ALLEGATION " + category + " about someone identifiable"
                        + (e.has(Signals.ACCUSED) ? " " + e.describe(Signals.ACCUSED) : ""));
            }
        }
        flags.sort(null);
        return List.copyOf(flags);
    }
}
