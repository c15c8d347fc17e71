package io.jixiao.platform.relay;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayBacklogTest {

    private final AtomicLong head = new AtomicLong();
    private final AtomicLong relayed = new AtomicLong();

    @Test
    void aWriteWithinTheLimitGoesAhead() {
        RelayBacklog backlog = new RelayBacklog(head::get, relayed::get, 100, Duration.ofSeconds(5));
        head.set(1_100);
        relayed.set(1_000);
        long started = System.nanoTime();
        backlog.awaitRoom();
        assertThat(backlog.backlog()).isEqualTo(100);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aWriteWaitsWhileTheRelayCatchesUp() {
        // the relay reports 4,000 behind for its first three measurements, then 50
        AtomicInteger measurements = new AtomicInteger();
        RelayBacklog backlog = new RelayBacklog(() -> 5_000, () -> measurements.incrementAndGet() <= 3 ? 1_000 : 4_950,
                100, Duration.ofSeconds(10));

        backlog.awaitRoom();

        assertThat(measurements.get()).isGreaterThanOrEqualTo(4);
        assertThat(backlog.backlog()).isEqualTo(50);
    }

    @Test
    void aWriteIsRefusedWhenTheRelayStaysBehind() {
        RelayBacklog backlog = new RelayBacklog(head::get, relayed::get, 100, Duration.ofMillis(300));
        head.set(5_000);
        relayed.set(1_000);
        assertThatThrownBy(backlog::awaitRoom)
                .isInstanceOfSatisfying(RelayBacklog.RelayBehind.class, refused -> {
                    assertThat(io.jixiao.platform.web.ProblemAdvice.status(refused).value()).isEqualTo(503);
                    assertThat(refused.code()).isEqualTo("relay-behind");
                    assertThat(refused.details()).containsEntry("backlog", 4_000L);
                });
    }

    @Test
    void aRelayAheadOfTheMeasuredHeadIsNoBacklog() {
        RelayBacklog backlog = new RelayBacklog(head::get, relayed::get, 0, Duration.ofMillis(100));
        head.set(10);
        relayed.set(12);
        backlog.awaitRoom();
        assertThat(backlog.backlog()).isZero();
    }

    /** While one caller measures, the others answer the last measurement instead of querying the store as well. */
    @Test
    void oneCallerMeasuresAtATime() throws Exception {
        java.util.concurrent.CountDownLatch measuring = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger measurements = new AtomicInteger();
        RelayBacklog backlog = new RelayBacklog(() -> {
            measurements.incrementAndGet();
            measuring.countDown();
            try {
                release.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 500;
        }, () -> 100, 1_000, Duration.ofSeconds(1), Duration.ofMinutes(1));
        Thread first = new Thread(backlog::backlog);
        first.start();
        assertThat(measuring.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 7; i++) {
            assertThat(backlog.backlog()).isZero();
        }
        assertThat(measurements.get()).isEqualTo(1);
        release.countDown();
        first.join(5_000);
        assertThat(backlog.backlog()).isEqualTo(400);
    }
}
