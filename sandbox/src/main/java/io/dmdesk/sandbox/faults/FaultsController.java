package io.dmdesk.sandbox.faults;

import io.dmdesk.sandbox.state.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fault injection: {@code PUT /control/faults/{target}} with {@code {"status":503,"delayMs":0,"forSeconds":30}}
 * (all optional; status 0 = only slow), {@code DELETE /control/faults/{target}}, {@code GET /control/faults}.
 */
@RestController
class FaultsController {

    private final Faults faults;
    private final RequestLog requests;
    private final Clock clock;

    FaultsController(Faults faults, RequestLog requests, Clock clock) {
        this.faults = faults;
        this.requests = requests;
        this.clock = clock;
    }

    /**
     * Every authenticated request one account made on one platform, oldest first, with the rate-limit window
     * each 429 announced: {@code GET /control/requests?platform=x&account=DemoPolice} (Bluesky: the handle; Meta: the page id, covering its Instagram account's reads).
     */
    @GetMapping("/control/requests")
    List<RequestLog.Entry> requests(@RequestParam String platform, @RequestParam String account) {
        return requests.of(platform, account);
    }

    @GetMapping("/control/faults")
    Map<String, Fault> active() {
        return faults.active();
    }

    @PutMapping("/control/faults/{target}")
    Fault set(@PathVariable String target, @RequestBody(required = false) FaultRequest request) {
        FaultRequest r = request == null ? new FaultRequest(null, null, null) : request;
        int status = r.status() == null ? 503 : r.status();
        if (status != 0 && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("status must be 0 (only delay) or 400-599");
        }
        long delay = r.delayMs() == null ? 0 : r.delayMs();
        if (delay < 0 || delay > 120_000) {
            throw new IllegalArgumentException("delayMs must be 0-120000");
        }
        Fault fault = new Fault(
                status, delay, r.forSeconds() == null ? null : clock.instant().plusSeconds(r.forSeconds()));
        faults.set(target, fault);
        return fault;
    }

    /** Every injected answer of the target's current (or last) fault: {@code {"count", "at": [...]}}. */
    @GetMapping("/control/faults/{target}/answered")
    Map<String, Object> answered(@PathVariable String target) {
        List<Instant> at = faults.answered(target, true);
        return Map.of("count", at.size(), "at", at.stream().map(Timestamps::iso).toList());
    }

    @DeleteMapping("/control/faults/{target}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear(@PathVariable String target) {
        faults.clear(target);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    Map<String, String> invalid(IllegalArgumentException e) {
        return Map.of("error", "invalid_fault", "message", e.getMessage());
    }

    record FaultRequest(Integer status, Long delayMs, Long forSeconds) {}
}
