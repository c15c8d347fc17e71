package io.jixiao.platform.integrity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes a checkpoint every interval on a thread of its own, so it needs no {@code @EnableScheduling} in the
 * service. A failed checkpoint is logged and tried again at the next interval.
 */
class CheckpointSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final Checkpoints checkpoints;
    private final Duration interval;
    private volatile ScheduledExecutorService executor;

    CheckpointSchedule(Checkpoints checkpoints, Duration interval) {
        this.checkpoints = checkpoints;
        this.interval = interval;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "event-chain-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::takeOne, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    private void takeOne() {
        try {
            checkpoints.take();
        } catch (RuntimeException e) {
            log.warn("event chain: the scheduled checkpoint failed; next try in {}", interval, e);
        }
    }
}
