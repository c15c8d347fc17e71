package io.jixiao.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.List;

/**
 * Sends a command again, at once, when its append found the project-year changed by another process (Axon's
 * {@link ConcurrencyException}: the event store's unique (aggregate, sequence) key), at most {@link #MAX_RETRIES}
 * times. Nothing else is retried: a refusal stays a refusal.
 *
 * <p>Why: with several instances of a service, each keeps its own aggregate cache, so an instance can decide on a
 * project-year another instance has just changed. The append is refused and rolled back, Axon drops the cached
 * aggregate on rollback, and the retry decides again on the stored events: a payment posted meanwhile is seen, so
 * the retry answers {@code DUPLICATE} rather than counting it twice. Within one process Axon's aggregate lock
 * already serialises the commands of one aggregate.
 */
public final class ConflictRetry implements RetryScheduler {

    public static final int MAX_RETRIES = 3;

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (!(lastFailure instanceof ConcurrencyException) || failures.size() > MAX_RETRIES) {
            return false;
        }
        commandDispatch.run();
        return true;
    }
}
