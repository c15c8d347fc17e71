package io.jixiao.platform.relay;

import io.jixiao.platform.domain.DomainException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Back-pressure between accepting events and publishing them: how many stored events the Kafka relay has not
 * published yet, and a wait for room before a new write is accepted.
 *
 * <p>Why: the event store keeps every event a lagging relay has still to read in memory, so accepting faster than
 * the relay publishes moves the queue into the heap. Measured (bench/README.md): 8 posters of 1,000-payment batches
 * were answered at about 9,000 payments/s while the relay published about 6,000/s; the backlog grew past 100,000
 * events and budget-service ran out of its heap. With a bound, a write waits (up to {@code maxWait}) while the
 * backlog is above {@code limit}, then is refused with 503 and {@code Retry-After}, having changed nothing. The same
 * holds when Kafka is away: writes are accepted until the backlog reaches the bound, then held.
 */
public class RelayBacklog {

    private static final Duration REFRESH = Duration.ofMillis(100);
    private static final long POLL_MILLIS = 20;

    private final long refreshNanos;
    private final LongSupplier headPosition;
    private final LongSupplier relayedPosition;
    private final long limit;
    private final Duration maxWait;
    private volatile long backlog;
    private final AtomicLong measuredAt;

    /**
     * @param headPosition    the position of the newest stored event
     * @param relayedPosition the position up to which the relay has published (its token)
     * @param limit           the most unpublished events before writes wait
     * @param maxWait         how long a write waits for room before it is refused
     */
    public RelayBacklog(LongSupplier headPosition, LongSupplier relayedPosition, long limit, Duration maxWait) {
        this(headPosition, relayedPosition, limit, maxWait, REFRESH);
    }

    RelayBacklog(LongSupplier headPosition, LongSupplier relayedPosition, long limit, Duration maxWait, Duration refresh) {
        this.headPosition = headPosition;
        this.relayedPosition = relayedPosition;
        this.limit = limit;
        this.maxWait = maxWait;
        this.refreshNanos = refresh.toNanos();
        this.measuredAt = new AtomicLong(System.nanoTime() - refreshNanos);
    }

    /**
     * Events stored but not yet published; measured at most every 100 ms, so a busy service asks rarely. One caller
     * measures, the others meanwhile answer the last measurement (before, every request arriving in the same moment
     * queried the store: 8 posters, 8 queries).
     */
    public long backlog() {
        long now = System.nanoTime();
        long last = measuredAt.get();
        if (now - last >= refreshNanos && measuredAt.compareAndSet(last, now)) {
            backlog = Math.max(0, headPosition.getAsLong() - relayedPosition.getAsLong());
        }
        return backlog;
    }

    /** Returns once the backlog is within the limit; throws {@link RelayBehind} when it stays above for maxWait. */
    public void awaitRoom() {
        if (backlog() <= limit) {
            return;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (backlog() <= limit) {
                return;
            }
        }
        throw new RelayBehind(backlog(), limit);
    }

    /** 503: events are being accepted faster than they are published; nothing was recorded, retry later. */
    public static class RelayBehind extends DomainException.Unavailable {

        RelayBehind(long backlog, long limit) {
            super("relay-behind", "the service is publishing earlier events (" + backlog + " waiting, limit " + limit
                    + "); nothing was recorded, retry later", Map.of("backlog", backlog, "retryAfterSeconds", 5));
        }
    }
}
