package io.jixiao.scoring.projection;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Tells every other scoring-service instance which project-years the read model changed, through PostgreSQL's
 * {@code NOTIFY} on the read model's own database, and publishes what the others tell as a local
 * {@link ReadModelChanged}.
 *
 * <p>Why: each instance consumes only its share of the partitions, but any instance may hold a dashboard's form
 * stream or a cached monitoring line of any project-year. Without this, a subscriber connected to one instance
 * missed every change applied by another, and cached lines stayed old until the day turned.
 *
 * <p>Best effort, like a push itself: the change is committed before it is told, and a notification lost to a
 * broken connection leaves only a push unsent (the form read from the database is always current). An instance
 * ignores its own notifications: it has already published the change locally.
 */
@Component
public class ChangeBroadcast implements SmartLifecycle {

    static final String CHANNEL = "jixiao_read_model_changed";
    /** PostgreSQL refuses a payload of 8,000 bytes or more; project ids are ASCII. */
    static final int MAX_PAYLOAD = 7_000;

    private static final Logger log = LoggerFactory.getLogger(ChangeBroadcast.class);

    private final DataSource dataSource;
    private final ApplicationEventPublisher events;
    private final String instance = UUID.randomUUID().toString();
    private volatile boolean running;
    private volatile Thread listener;

    public ChangeBroadcast(DataSource dataSource, ApplicationEventPublisher events) {
        this.dataSource = dataSource;
        this.events = events;
    }

    /** Tells the other instances these project-years changed; never throws (the change is already committed). */
    public void tell(Collection<String> projectIds) {
        if (projectIds.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
            for (String payload : payloads(instance, projectIds)) {
                notify.setString(1, CHANNEL);
                notify.setString(2, payload);
                notify.execute();
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("could not tell the other instances that {} project-years changed: {}", projectIds.size(), e.toString());
        }
    }

    /** {@code <instance>|id,id,…}, split so that none is longer than {@link #MAX_PAYLOAD}. */
    static List<String> payloads(String instance, Collection<String> projectIds) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder(instance).append('|');
        int empty = payload.length();
        for (String id : projectIds) {
            if (payload.length() > empty && payload.length() + 1 + id.length() > MAX_PAYLOAD) {
                payloads.add(payload.toString());
                payload.setLength(empty);
            }
            payload.append(payload.length() > empty ? "," : "").append(id);
        }
        payloads.add(payload.toString());
        return payloads;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("listen " + CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] told = notifications.getNotifications(500);
                    if (told != null) {
                        Arrays.stream(told).forEach(this::received);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("listening for other instances' changes failed, again in 1 s: {}", e.toString());
                    pause();
                }
            }
        }
    }

    private void received(PGNotification notification) {
        String payload = notification.getParameter();
        int bar = payload.indexOf('|');
        if (bar < 0 || payload.substring(0, bar).equals(instance) || bar == payload.length() - 1) {
            return;
        }
        events.publishEvent(new ReadModelChanged(Set.of(payload.substring(bar + 1).split(","))));
    }

    private void pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::listen, "read-model-changes");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
