package io.dmdesk.triage.console;

import io.dmdesk.support.schedule.PeriodicTask;
import io.dmdesk.triage.report.ReportStore;
import io.dmdesk.triage.report.StoredReport;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The live queue. One reader per instance looks at the store every refresh interval (and at once after a
 * console action or a downstream event), so reports triaged or changed by any instance reach every browser.
 * A subscriber gets a snapshot and then the changes after it: each change carries a sequence number, and the
 * last changes are replayed to a new subscriber, which keeps those newer than its snapshot.
 *
 * <p>The store is read only while someone watches: with no stream open, the ticks and change signals do
 * nothing (reading up to {@code queue-limit} reports every second for nobody took CPU from triage itself under
 * load), and a stream that opens, or a queue request, reads the store first.
 */
@Component
class QueueFeed extends PeriodicTask {

    /** Emergencies first, then urgency, then the oldest first. */
    static final Comparator<QueueItem> ORDER = Comparator.comparingInt(QueueItem::urgencyRank)
            .thenComparing(QueueItem::firstReceivedAt)
            .thenComparing(QueueItem::reportId);

    private final ReportStore reports;
    private final ConsoleState state;
    private final ConsoleProperties properties;
    private final Sinks.Many<Change> changes = Sinks.many().replay().limit(256);
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicInteger watchers = new AtomicInteger();
    private volatile long loadedAtNanos;
    private Map<String, QueueItem> current = Map.of();
    private long seq;

    QueueFeed(ReportStore reports, ConsoleState state, ConsoleProperties properties) {
        super("console-queue-feed", Duration.ZERO, properties.getRefreshInterval());
        this.reports = reports;
        this.state = state;
        this.properties = properties;
    }

    /** Something changed: look now rather than at the next tick. */
    void changed() {
        if (pending.compareAndSet(false, true)) {
            Schedulers.boundedElastic().schedule(() -> {
                pending.set(false);
                refresh();
            });
        }
    }

    /** A tick or a change signal: reads the store only while a stream is open. */
    @Override
    public void refresh() {
        if (watchers.get() > 0) {
            load();
        }
    }

    /** The queue for a request: read again when nobody keeps it current, or when older than a refresh interval. */
    List<QueueItem> currentItems() {
        if (watchers.get() == 0
                || System.nanoTime() - loadedAtNanos
                        > properties.getRefreshInterval().toNanos()) {
            load();
        }
        return items();
    }

    private void load() {
        List<StoredReport> open = reports.openReports(properties.getQueueLimit());
        Map<String, ConsoleRecord> states =
                state.findAll(open.stream().map(StoredReport::reportId).toList());
        Map<String, QueueItem> next = new LinkedHashMap<>();
        open.stream()
                .map(d -> QueueItem.of(d, states.get(d.reportId()), properties))
                .sorted(ORDER)
                .forEach(item -> next.put(item.reportId(), item));
        synchronized (this) {
            Map<String, QueueItem> previous = current;
            current = next;
            next.values().stream()
                    .filter(item -> !item.equals(previous.get(item.reportId())))
                    .forEach(item -> emit("upsert", item, item.reportId()));
            previous.keySet().stream().filter(id -> !next.containsKey(id)).forEach(id -> emit("remove", null, id));
            loadedAtNanos = System.nanoTime();
        }
    }

    private void emit(String type, QueueItem item, String reportId) {
        changes.emitNext(
                new Change(++seq, type, reportId, item, null),
                Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
    }

    synchronized List<QueueItem> items() {
        return current.values().stream().sorted(ORDER).toList();
    }

    /** A snapshot, then every change after it, with a comment every 15 s so proxies keep the stream open. */
    Flux<ServerSentEvent<Change>> stream() {
        // Counted as a watcher from subscription to cancel; the store is read (off the event loop) before the snapshot.
        Flux<ServerSentEvent<Change>> watched = Mono.fromRunnable(this::load)
                .subscribeOn(Schedulers.boundedElastic())
                .thenMany(Flux.defer(() -> {
                    Change snapshot;
                    synchronized (this) {
                        snapshot = new Change(seq, "snapshot", null, null, items());
                    }
                    long after = snapshot.seq();
                    Flux<ServerSentEvent<Change>> events = Flux.concat(
                                    Flux.just(snapshot), changes.asFlux().filter(c -> c.seq() > after))
                            .map(c -> ServerSentEvent.builder(c)
                                    .event(c.type())
                                    .id(String.valueOf(c.seq()))
                                    .build());
                    Flux<ServerSentEvent<Change>> heartbeat = Flux.interval(Duration.ofSeconds(15))
                            .map(i -> ServerSentEvent.<Change>builder()
                                    .comment("keep-alive")
                                    .build());
                    return Flux.merge(events, heartbeat);
                }));
        return watched.doOnSubscribe(sub -> watchers.incrementAndGet()).doFinally(signal -> watchers.decrementAndGet());
    }

    /** One event of the stream: a snapshot (items), an upsert (item) or a removal (reportId). */
    record Change(long seq, String type, String reportId, QueueItem item, List<QueueItem> items) {}
}
