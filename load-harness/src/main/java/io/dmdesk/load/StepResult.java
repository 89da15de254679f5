package io.dmdesk.load;

/**
 * One step of the step test: what was offered at one rate and what came back.
 *
 * @param rate           the offered rate asked for (DMs/s)
 * @param offered        DMs the sandbox accepted in the step
 * @param offeredPerSec  offered / the seconds the sending took
 * @param acked          DMs with at least one acknowledgement by the end of the run
 * @param lost           offered - acked: never acknowledged by the end of the run
 * @param duplicateAcks  acknowledgements beyond the first, summed over the DMs
 * @param ackedPerSec    (acked - 1) / (last acknowledgement - first acknowledgement): the rate the pipeline
 *                       acknowledged at; equal to the offered rate when it keeps up, lower when a backlog forms
 * @param all            DM-to-acknowledgement of every acknowledged DM
 * @param emergency      the same, of the emergency DMs only
 * @param emergencies    emergency DMs offered
 * @param advisedFirst   emergency DMs whose acknowledgement opened with the emergency advice (triage saw them)
 * @param loadStart      1-minute load average (/proc/loadavg) when the step started
 * @param loadEnd        1-minute load average when the step's sending ended
 */
record StepResult(
        double rate,
        int offered,
        double offeredPerSec,
        int acked,
        int lost,
        int duplicateAcks,
        double ackedPerSec,
        Percentiles all,
        Percentiles emergency,
        int emergencies,
        int advisedFirst,
        double loadStart,
        double loadEnd) {

    /** p99 above this, or acknowledging slower than this share of the offered rate, is past the knee. */
    static final long KNEE_P99_MS = 1_000;

    static final double KNEE_ACKED_SHARE = 0.95;

    /** Past the knee: p99 over 1 s, or acknowledgements below 95% of the offered rate. */
    boolean pastKnee() {
        return all.p99() > KNEE_P99_MS || ackedPerSec < KNEE_ACKED_SHARE * offeredPerSec;
    }

    /** Why {@link #pastKnee()}, for the table; empty when the step kept up. */
    String kneeReason() {
        StringBuilder why = new StringBuilder();
        if (all.p99() > KNEE_P99_MS) {
            why.append("p99 > 1 s");
        }
        if (ackedPerSec < KNEE_ACKED_SHARE * offeredPerSec) {
            why.append(why.isEmpty() ? "" : ", ").append("acked < 95% of offered");
        }
        return why.toString();
    }
}
