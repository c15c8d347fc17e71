package io.jixiao.scoring.form;

import io.jixiao.scoring.monitoring.Monitoring;
import io.jixiao.scoring.projection.ReadModelChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Pushes each changed form to its subscribers as a server-sent event named {@code form}, per project and for
 * all, so a dashboard sees a payment's effect without polling. Forms are computed off the consumer thread, once
 * per change, and only when someone listens.
 */
@Component
public class FormStream {

    private static final Logger log = LoggerFactory.getLogger(FormStream.class);
    static final String ALL = "*";
    private static final Duration SUBSCRIPTION = Duration.ofMinutes(30);

    private final Monitoring monitoring;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService pusher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "form-push");
        thread.setDaemon(true);
        return thread;
    });
    private final Timer pushes;
    private final Counter pushed;

    FormStream(Monitoring monitoring, MeterRegistry meters) {
        this.monitoring = monitoring;
        this.pushes = Timer.builder("scoring.form.push").description("time to compute and push a changed form").register(meters);
        this.pushed = Counter.builder("jixiao.forms.pushed").description("forms sent to subscribers (each subscriber counts)").register(meters);
    }

    /** A subscriber and the forms it may be sent (those within its caller's reach). */
    private record Subscriber(SseEmitter emitter, Reach visible) {
    }

    /**
     * Subscribes to one project-year's form ({@code projectId}) or to every form ({@link #ALL}) the filter lets
     * through; the current one comes first.
     */
    SseEmitter subscribe(String key, Form current, Reach visible) {
        SseEmitter emitter = new SseEmitter(SUBSCRIPTION.toMillis());
        Subscriber subscriber = new Subscriber(emitter, visible);
        subscribers.computeIfAbsent(key, k -> new CopyOnWriteArraySet<>()).add(subscriber);
        Runnable remove = () -> subscribers.getOrDefault(key, Set.of()).remove(subscriber);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        if (current != null) {
            send(key, subscriber, current);
        } else {
            // a comment, so the response starts at once: the client knows it is subscribed before any form changes
            try {
                emitter.send(SseEmitter.event().comment("subscribed"));
            } catch (IOException | IllegalStateException gone) {
                remove.run();
            }
        }
        return emitter;
    }

    /** After the monitoring lines are dropped ({@link Monitoring}), so each push reads the changed figures. */
    @EventListener
    @Order(1)
    void on(ReadModelChanged changed) {
        boolean anyoneForAll = !subscribers.getOrDefault(ALL, Set.of()).isEmpty();
        for (String projectId : changed.projectIds()) {
            // one queued push per project-year: a busy project is pushed once per round, with its latest figures
            if ((anyoneForAll || !subscribers.getOrDefault(projectId, Set.of()).isEmpty()) && pending.add(projectId)) {
                pusher.execute(() -> {
                    pending.remove(projectId);
                    push(projectId);
                });
            }
        }
    }

    /** Each change: the form ({@code form}), its monitoring line ({@code line}) and a change of status ({@code status}). */
    private void push(String projectId) {
        pushes.record(() -> {
            Monitoring.Live live;
            try {
                live = monitoring.live(projectId);
            } catch (RuntimeException notYet) {
                return; // e.g. indicator events of a project not registered yet: no form to show
            }
            Form form = live.form();
            List<Event> events = new ArrayList<>(List.of(new Event("form", form), new Event("line", live.line())));
            if (live.statusChanged() != null) {
                events.add(new Event("status", live.statusChanged()));
            }
            subscribers.getOrDefault(projectId, Set.of()).forEach(subscriber -> send(projectId, subscriber, form.projectId(), events));
            subscribers.getOrDefault(ALL, Set.of()).stream()
                    .filter(subscriber -> subscriber.visible().reaches(form.department(), form.implementingUnit()))
                    .forEach(subscriber -> send(ALL, subscriber, form.projectId(), events));
        });
    }

    /** Which project-years a subscriber of every form may be sent: those of its caller's department and unit. */
    @FunctionalInterface
    interface Reach {
        boolean reaches(String department, String unit);
    }

    /**
     * Time moves the benchmark without any event: a project-year nobody pays into turns yellow, then red. Every few
     * minutes (and so just after midnight) the live statuses are recomputed and each change is pushed.
     */
    @Scheduled(fixedDelayString = "${jixiao.monitoring.status-check-interval:PT5M}",
            initialDelayString = "${jixiao.monitoring.status-check-interval:PT5M}")
    public void pushStatusChanges() {
        if (subscribers.getOrDefault(ALL, Set.of()).isEmpty()) {
            monitoring.statusChanges(); // keep the last statuses current, so the next change is seen
            return;
        }
        for (Monitoring.StatusChanged changed : monitoring.statusChanges()) {
            List<Event> events = List.of(new Event("status", changed));
            subscribers.getOrDefault(ALL, Set.of()).stream()
                    .filter(subscriber -> subscriber.visible().reaches(changed.department(), changed.implementingUnit()))
                    .forEach(subscriber -> send(ALL, subscriber, changed.projectId(), events));
        }
    }

    private record Event(String name, Object data) {
    }

    private void send(String key, Subscriber subscriber, Form form) {
        send(key, subscriber, form.projectId(), List.of(new Event("form", form)));
    }

    private void send(String key, Subscriber subscriber, String projectId, List<Event> events) {
        try {
            for (Event event : events) {
                subscriber.emitter().send(SseEmitter.event().name(event.name()).id(projectId).data(event.data()));
                if (event.data() instanceof Form) {
                    pushed.increment();
                }
            }
        } catch (IOException | IllegalStateException gone) {
            log.debug("dropping a subscriber of {}: {}", key, gone.toString());
            subscribers.getOrDefault(key, Set.of()).remove(subscriber);
        }
    }
}
