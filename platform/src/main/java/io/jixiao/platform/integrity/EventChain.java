package io.jixiao.platform.integrity;

import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The hash chain over the event store: each row's hash is SM3 of the previous row's hash and the row's canonical
 * encoding, so changing, removing or slipping in a row breaks every hash from there on. Pure: no database.
 */
public final class EventChain {

    public static final int HASH_LENGTH = 32;

    private EventChain() {
    }

    /** The "previous hash" of the first row. */
    public static byte[] genesis() {
        return new byte[HASH_LENGTH];
    }

    public static byte[] hash(byte[] previous, StoredEvent row) {
        SM3Digest digest = new SM3Digest();
        digest.update(previous, 0, previous.length);
        byte[] encoded = encode(row);
        digest.update(encoded, 0, encoded.length);
        byte[] hash = new byte[HASH_LENGTH];
        digest.doFinal(hash, 0);
        return hash;
    }

    /** Every column, in a fixed order; see {@link Canonical}. */
    static byte[] encode(StoredEvent row) {
        return new Canonical()
                .number(row.globalIndex())
                .text(row.eventIdentifier())
                .text(row.aggregateIdentifier())
                .number(row.sequenceNumber())
                .text(row.type())
                .text(row.payloadType())
                .text(row.payloadRevision())
                .text(row.timeStamp())
                .bytes(row.payload())
                .bytes(row.metaData())
                .encoded();
    }

    static byte[] sm3(byte[] data) {
        SM3Digest digest = new SM3Digest();
        digest.update(data, 0, data.length);
        byte[] hash = new byte[HASH_LENGTH];
        digest.doFinal(hash, 0);
        return hash;
    }
}
