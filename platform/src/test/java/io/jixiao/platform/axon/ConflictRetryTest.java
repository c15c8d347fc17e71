package io.jixiao.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ConflictRetryTest {

    private final List<Long> bounds = new ArrayList<>();
    private final List<Long> pauses = new ArrayList<>();
    /** Draws the bound itself, the longest pause allowed, and records both. */
    private final ConflictRetry retry = new ConflictRetry(bound -> {
        bounds.add(bound);
        return bound;
    }, pauses::add);
    private final CommandMessage<?> command = GenericCommandMessage.asCommandMessage("post");
    private final AtomicInteger dispatched = new AtomicInteger();

    @Test
    void aConflictIsSentAgainUpToTenTimesEachAfterAPauseWhoseBoundDoubles() {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        List<Boolean> answers = new ArrayList<>();
        for (int attempt = 0; attempt < ConflictRetry.MAX_RETRIES + 1; attempt++) {
            failures.add(classes(ConcurrencyException.class));
            answers.add(retry.scheduleRetry(command, new ConcurrencyException("changed"), List.copyOf(failures),
                    dispatched::incrementAndGet));
        }
        assertThat(answers).hasSize(11).startsWith(true, true, true, true, true, true, true, true, true, true)
                .endsWith(false);
        assertThat(dispatched).hasValue(ConflictRetry.MAX_RETRIES);
        // 2, 4, 8, 16, 32, 64 ms, then 100 ms at most: the eleventh failure is answered without a pause
        assertThat(bounds).containsExactly(2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 64_000L, 100_000L, 100_000L,
                100_000L, 100_000L);
        assertThat(pauses).isEqualTo(bounds);
    }

    @Test
    void thePauseIsDrawnEvenlyFromNothingToItsBound() {
        List<Long> drawn = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            drawn.add(ConflictRetry.jitter(ConflictRetry.FIRST_PAUSE_MICROS));
        }
        assertThat(drawn).allMatch(value -> value >= 0 && value <= ConflictRetry.FIRST_PAUSE_MICROS);
        // spread over the whole range: some in its first tenth, some in its last
        assertThat(drawn).anyMatch(value -> value < 200).anyMatch(value -> value > 1_800);
        assertThat(drawn.stream().distinct().count()).isGreaterThan(500);
    }

    @Test
    void theDefaultDispatchesAgainAfterAPauseWithinTheFirstBound() {
        long start = System.nanoTime();
        assertThat(new ConflictRetry().scheduleRetry(command, new ConcurrencyException("changed"),
                List.<Class<? extends Throwable>[]>of(classes(ConcurrencyException.class)), dispatched::incrementAndGet)).isTrue();
        assertThat(dispatched).hasValue(1);
        assertThat(System.nanoTime() - start).isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void refusalsAndOtherFailuresAreAnsweredAsTheyCameWithoutAPause() {
        for (RuntimeException failure : List.of(new IllegalStateException("refused"),
                new AggregateStreamCreationException("exists"))) {
            assertThat(retry.scheduleRetry(command, failure, List.<Class<? extends Throwable>[]>of(classes(failure.getClass())),
                    dispatched::incrementAndGet)).isFalse();
        }
        assertThat(dispatched).hasValue(0);
        assertThat(pauses).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Throwable>[] classes(Class<? extends Throwable> failure) {
        return new Class[]{failure};
    }
}
