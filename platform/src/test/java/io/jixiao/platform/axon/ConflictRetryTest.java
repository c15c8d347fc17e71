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

    private final ConflictRetry retry = new ConflictRetry();
    private final CommandMessage<?> command = GenericCommandMessage.asCommandMessage("post");
    private final AtomicInteger dispatched = new AtomicInteger();

    @Test
    void aConflictIsSentAgainAtOnceUpToThreeTimes() {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        List<Boolean> answers = new ArrayList<>();
        for (int attempt = 0; attempt < 4; attempt++) {
            failures.add(classes(ConcurrencyException.class));
            answers.add(retry.scheduleRetry(command, new ConcurrencyException("changed"), List.copyOf(failures),
                    dispatched::incrementAndGet));
        }
        assertThat(answers).containsExactly(true, true, true, false);
        assertThat(dispatched).hasValue(ConflictRetry.MAX_RETRIES);
    }

    @Test
    void refusalsAndOtherFailuresAreAnsweredAsTheyCame() {
        for (RuntimeException failure : List.of(new IllegalStateException("refused"),
                new AggregateStreamCreationException("exists"))) {
            assertThat(retry.scheduleRetry(command, failure, List.<Class<? extends Throwable>[]>of(classes(failure.getClass())),
                    dispatched::incrementAndGet)).isFalse();
        }
        assertThat(dispatched).hasValue(0);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Throwable>[] classes(Class<? extends Throwable> failure) {
        return new Class[]{failure};
    }
}
