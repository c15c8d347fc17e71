package io.jixiao.budget.transfer;

import io.jixiao.budget.BudgetProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Carries on transfers that a crash (or a lost connection) left between their steps: at start and then
 * periodically, every open transfer older than the grace period (so requests still running are left to finish) is
 * resumed. Resuming is the same idempotent walk a retry does, so running it twice changes nothing.
 */
@Component
class TransferRecovery {

    private static final Logger log = LoggerFactory.getLogger(TransferRecovery.class);
    private static final int BATCH = 100;
    /**
     * The interval as bound into BudgetProperties, its default included (a properties bean is named
     * {@code <prefix>-<class>}); an {@code @Scheduled} method, unlike a hand-registered task, is timed by the metrics.
     */
    private static final String INTERVAL = "#{@'jixiao-io.jixiao.budget.BudgetProperties'.transfers().recoveryInterval()}";

    private final OpenTransfers open;
    private final TransferProcess process;
    private final Duration grace;
    private final Clock clock;

    TransferRecovery(OpenTransfers open, TransferProcess process, BudgetProperties properties) {
        this.open = open;
        this.process = process;
        this.grace = properties.transfers().recoveryGrace();
        this.clock = Clock.systemUTC();
    }

    @Scheduled(initialDelayString = INTERVAL, fixedDelayString = INTERVAL)
    void carryOnInterrupted() {
        recoverOlderThan(grace);
    }

    /** Resumes every open transfer requested more than {@code age} ago; answers how many reached an end. */
    int recoverOlderThan(Duration age) {
        int ended = 0;
        List<String> ids = open.requestedBefore(clock.instant().minus(age), BATCH);
        for (String id : ids) {
            try {
                TransferStatus end = process.resume(id);
                log.info("transfer {} carried on after an interruption: {}", id, end);
                ended++;
            } catch (RuntimeException stillFailing) {
                log.warn("transfer {} could not be carried on yet: {}", id, stillFailing.toString());
            }
        }
        return ended;
    }
}
