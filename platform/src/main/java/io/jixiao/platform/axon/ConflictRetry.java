package io.jixiao.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;

/**
 * Sends a command again when its append found the project-year changed by another process (Axon's
 * {@link ConcurrencyException}: the event store's unique (aggregate, sequence) key), at most {@link #MAX_RETRIES}
 * times, each after a random pause up to a bound that doubles with every attempt ("full jitter"). Nothing else is
 * retried: a refusal stays a refusal.
 *
 * <p>Why: with several instances of a service, each keeps its own aggregate cache, so an instance can decide on a
 * project-year another instance has just changed. The append is refused and rolled back, Axon drops the cached
 * aggregate on rollback, and the retry decides again on the stored events: a payment posted meanwhile is seen, so
 * the retry answers {@code DUPLICATE} rather than counting it twice. Within one process Axon's aggregate lock
 * already serialises the commands of one aggregate, so one instance never gets here.
 *
 * <p>Why the pause: sent again at once, a retry met the other instance's next append as often as the first try
 * had (measured: with two budget-services and 8 posters on one project-year, 3 or 4 payments a run failed after
 * three immediate retries). A random pause spreads the instances' attempts apart. The pause is taken after the
 * failed attempt's transaction has rolled back, on the caller's thread: it holds no lock and no connection.
 */
public final class ConflictRetry implements RetryScheduler {

    public static final int MAX_RETRIES = 10;

    /** The first retry's pause is at most this; every further retry's bound doubles, up to {@link #MAX_PAUSE_MICROS}. */
    static final long FIRST_PAUSE_MICROS = 2_000;

    static final long MAX_PAUSE_MICROS = 100_000;

    private final LongUnaryOperator random;
    private final LongConsumer pause;

    public ConflictRetry() {
        this(ConflictRetry::jitter, micros -> LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(micros)));
    }

    /**
     * @param random a value from 0 to the given bound, both included
     * @param pause  waits the given number of microseconds
     */
    ConflictRetry(LongUnaryOperator random, LongConsumer pause) {
        this.random = random;
        this.pause = pause;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (!(lastFailure instanceof ConcurrencyException) || failures.size() > MAX_RETRIES) {
            return false;
        }
        pause.accept(random.applyAsLong(pauseBound(failures.size())));
        commandDispatch.run();
        return true;
    }

    /** A pause drawn evenly from 0 to the bound, both included. */
    static long jitter(long bound) {
        return ThreadLocalRandom.current().nextLong(bound + 1);
    }

    /** The longest pause before the given retry (1 for the first), in microseconds. */
    static long pauseBound(int retry) {
        return Math.min(MAX_PAUSE_MICROS, FIRST_PAUSE_MICROS << Math.min(retry - 1, 20));
    }
}
