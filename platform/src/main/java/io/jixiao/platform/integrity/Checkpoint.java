package io.jixiao.platform.integrity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A signed statement "at position {@code globalIndex} the chain's hash was {@code headHash}", as stored in
 * {@code event_chain_checkpoint}.
 */
public record Checkpoint(long id, long globalIndex, byte[] headHash, Instant signedAt, byte[] publicKey, byte[] signature) {

    /** What is signed: the position, the head hash and the time (in microseconds, as PostgreSQL keeps it). */
    static byte[] message(long globalIndex, byte[] headHash, Instant signedAt) {
        return new Canonical()
                .text("jixiao-event-chain-checkpoint-v1")
                .number(globalIndex)
                .bytes(headHash)
                .number(ChronoUnit.MICROS.between(Instant.EPOCH, signedAt))
                .encoded();
    }

    byte[] message() {
        return message(globalIndex, headHash, signedAt);
    }
}
