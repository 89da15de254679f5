package io.dmdesk.deploychecks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/local/lib.sh's process bookkeeping, in bash, against real processes: a stopping stack polls its
 * processes while they exit, and neither a process nor its pid file vanishing under it may print bash errors
 * (such as {@code lib.sh: line 37: /proc/<pid>/cmdline: No such file or directory}) or count as running.
 */
@RequiresTool(anyOf = "bash", reason = "bash not installed: deploy/local scripts not checked")
class LocalStackScriptsTest {

    @Test
    void isOursKnowsItsProcessesAndSaysNothingWhenOneIsGoneByTheTimeItLooks() {
        String script = """
                set -uo pipefail
                source deploy/local/lib.sh
                errors="$(mktemp)"
                (exec -a -Ddmdesk.local=probe sleep 30) &
                pid=$!
                sleep 0.2
                is_ours "$pid" probe 2>>"$errors" && echo "live-ours" || echo "live-not-ours"
                is_ours "$pid" other 2>>"$errors" && echo "other-ours" || echo "other-not-ours"
                kill -TERM "$pid"; wait "$pid" 2>/dev/null
                is_ours "$pid" probe 2>>"$errors" && echo "gone-ours" || echo "gone-not-ours"
                # The race: alive when kill -0 asks, gone when its command line is read.
                kill() { if [[ "$1" == "-0" ]]; then return 0; fi; command kill "$@"; }
                is_ours "$pid" probe 2>>"$errors" && echo "raced-ours" || echo "raced-not-ours"
                unset -f kill
                # Processes exiting while they are polled, as stop_tier polls them.
                for i in $(seq 1 40); do
                  (exec -a -Ddmdesk.local=short sleep "0.0$((RANDOM % 9 + 1))") &
                  p=$!
                  while is_ours "$p" short 2>>"$errors"; do :; done
                  wait "$p" 2>/dev/null
                done
                # A pid file removed between listing and reading, as up.sh's own shutdown may do.
                RUN_DIR="$(mktemp -d)"
                echo "999999 ghost" >"$RUN_DIR/1-ghost.pid"
                pid_files() { printf '%s\\n' "$RUN_DIR/1-gone.pid" "$RUN_DIR/1-ghost.pid"; }
                running="$(running_pids 2>>"$errors")"
                echo "running=[${running}]"
                echo "stderr=[$(cat "$errors")]"
                """;
        Repo.Result r = Repo.run(Repo.root(), List.of("bash", "-c", script));
        System.out.println(r.output());
        assertEquals(
                String.join(
                        "\n",
                        "live-ours",
                        "other-not-ours",
                        "gone-not-ours",
                        "raced-not-ours",
                        "running=[]",
                        "stderr=[]"),
                r.output().strip(),
                r.output());
    }
}
