package io.dmdesk.triage.pii;

import io.dmdesk.contracts.EntitySpan;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Finds one kind of personal data. Implementations are immutable and thread-safe. */
interface Recogniser {

    void find(Words words, List<EntitySpan> into);

    /** True when one of the cue words ends within {@code reach} characters before {@code at} (lower-cased cues). */
    static boolean cueBefore(String text, int at, int reach, Set<String> cues) {
        String before = text.substring(Math.max(0, at - reach), at).toLowerCase(Locale.ROOT);
        for (String cue : cues) {
            if (before.contains(cue)) {
                return true;
            }
        }
        return false;
    }
}
