package io.jixiao.scoring.operations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a measurement on a thread of its own, now and then every {@code interval}; a failure waits for the next run. */
final class Every {

    private static final Logger log = LoggerFactory.getLogger(Every.class);

    private final String name;
    private final Duration interval;
    private final Runnable measurement;
    private ScheduledExecutorService executor;

    Every(String name, Duration interval, Runnable measurement) {
        this.name = name;
        this.interval = interval;
        this.measurement = measurement;
    }

    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::measure, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void measure() {
        try {
            measurement.run();
        } catch (RuntimeException e) {
            // an exception would cancel the schedule; the gauges keep their last values until the next run
            log.warn("{} not measured: {}", name, e.toString());
        }
    }

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    public synchronized boolean isRunning() {
        return executor != null;
    }
}
