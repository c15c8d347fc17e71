package io.jixiao.scoring.snapshot;

import io.jixiao.scoring.monitoring.Monitoring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Just after a quarter ends, its snapshot of every department, as known then. Every instance looks every few
 * minutes; one takes it (an advisory lock, and a unique index behind it), the others find it taken.
 */
@Component
@ConditionalOnProperty(name = "jixiao.snapshots.automatic", havingValue = "true", matchIfMissing = true)
class AutomaticSnapshots {

    private static final Logger log = LoggerFactory.getLogger(AutomaticSnapshots.class);
    static final String TAKEN_BY = "automatic";

    private final Snapshots snapshots;
    private final Clock clock;

    AutomaticSnapshots(Snapshots snapshots, ObjectProvider<Clock> clock) {
        this.snapshots = snapshots;
        this.clock = clock.getIfAvailable(() -> Clock.system(Monitoring.FISCAL_ZONE));
    }

    /** The snapshot of the quarter that ended last, once; null when another instance holds it right now. */
    @Scheduled(fixedDelayString = "${jixiao.snapshots.check-interval:PT10M}", initialDelayString = "${jixiao.snapshots.check-interval:PT10M}")
    Snapshots.Snapshot takeTheLastQuarter() {
        Quarter ended = Quarter.of(LocalDate.now(clock.withZone(Monitoring.FISCAL_ZONE))).previous();
        try {
            Snapshots.Snapshot snapshot = snapshots.take(ended, null, null, TAKEN_BY, true);
            if (snapshot != null && snapshot.takenBy().equals(TAKEN_BY)) {
                log.debug("automatic snapshot of {}: {}", ended, snapshot.id());
            }
            return snapshot;
        } catch (RuntimeException failed) {
            log.warn("the automatic snapshot of {} failed; the next look tries again: {}", ended, failed.toString());
            return null;
        }
    }
}
