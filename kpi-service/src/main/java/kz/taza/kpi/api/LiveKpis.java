package kz.taza.kpi.api;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import kz.taza.events.common.KpiValue;
import kz.taza.kpi.api.KpiViews.Value;
import kz.taza.schemas.KpiKeys;

/**
 * Live KPI updates for browsers and scripts, as server-sent events. Every KPI value the read model takes is handed in
 * ({@link #accept}); each {@code flushInterval} the values changed since the last flush go to every subscriber whose
 * filter they pass, as one event {@code kpis} whose data is the JSON list of the values (latest per key: during a
 * replay a key changes many times a second, and a browser needs only the newest). A comment line every
 * {@code heartbeat} keeps idle connections open through proxies and tells the server when a browser has gone.
 */
public final class LiveKpis implements Consumer<KpiValue>, AutoCloseable {

    /** The event name of a batch of changed values. */
    public static final String EVENT = "kpis";

    private final Duration heartbeat;
    private final ScheduledExecutorService timer;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private Map<String, KpiValue> pending = new LinkedHashMap<>();
    private long lastHeartbeat = System.nanoTime();

    private record Subscriber(SseEmitter emitter, Predicate<KpiValue> filter) {
    }

    public LiveKpis(Duration flushInterval, Duration heartbeat) {
        this.heartbeat = heartbeat;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kpi-live-updates");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::flush, flushInterval.toMillis(), flushInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A new value of a KPI key; nothing is kept while nobody listens. */
    @Override
    public void accept(KpiValue value) {
        if (subscribers.isEmpty()) {
            return;
        }
        synchronized (lock) {
            pending.put(KpiKeys.key(value), value);
        }
    }

    /** Subscribes a new stream to the values that pass the filter; the stream ends when the client goes. */
    public SseEmitter subscribe(Predicate<KpiValue> filter) {
        SseEmitter emitter = new SseEmitter(0L); // no timeout of its own: the heartbeat finds clients that left
        Subscriber subscriber = new Subscriber(emitter, filter);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(error -> subscribers.remove(subscriber));
        subscribers.add(subscriber);
        // A first comment, so that the client sees the stream open at once.
        send(subscriber, SseEmitter.event().comment("subscribed"));
        return emitter;
    }

    private void flush() {
        Map<String, KpiValue> batch;
        synchronized (lock) {
            batch = pending;
            pending = new LinkedHashMap<>();
        }
        for (Subscriber subscriber : subscribers) {
            List<Value> values = new ArrayList<>();
            for (KpiValue value : batch.values()) {
                if (subscriber.filter().test(value)) {
                    values.add(Value.of(value));
                }
            }
            if (!values.isEmpty()) {
                send(subscriber, SseEmitter.event().name(EVENT).data(values, MediaType.APPLICATION_JSON));
            }
        }
        long now = System.nanoTime();
        if (now - lastHeartbeat >= heartbeat.toNanos()) {
            lastHeartbeat = now;
            subscribers.forEach(s -> send(s, SseEmitter.event().comment("heartbeat")));
        }
    }

    private void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        try {
            subscriber.emitter().send(event);
        } catch (IOException | IllegalStateException e) {
            // The client went away (or the stream completed): forget it; the browser reconnects on its own.
            subscribers.remove(subscriber);
            subscriber.emitter().completeWithError(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        subscribers.forEach(s -> s.emitter().complete());
        subscribers.clear();
    }
}
