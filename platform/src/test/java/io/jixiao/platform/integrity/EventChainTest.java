package io.jixiao.platform.integrity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EventChainTest {

    private static final byte[] PAYLOAD = "{\"amount\":\"10.00\"}".getBytes(StandardCharsets.UTF_8);

    private static StoredEvent row(String type, String payloadRevision, String timeStamp, byte[] metaData) {
        return new StoredEvent(7, "e-1", "project-1", 3, type, "Paid", payloadRevision, timeStamp, PAYLOAD, metaData);
    }

    /** GB/T 32905-2016, example 1. */
    @Test
    void sm3OfAbcIsTheStandardsExample() {
        assertThat(HexFormat.of().formatHex(EventChain.sm3("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void distinctRowsHashDistinctly() {
        byte[] previous = EventChain.genesis();
        List<StoredEvent> rows = List.of(
                row("ProjectYear", "1", "2026-12-01T08:00:00Z", null),
                // a null and an empty field differ
                row("ProjectYear", "", "2026-12-01T08:00:00Z", null),
                row("ProjectYear", null, "2026-12-01T08:00:00Z", null),
                row("ProjectYear", null, "2026-12-01T08:00:00Z", new byte[0]),
                // the same characters, split differently between two neighbouring fields
                row("ProjectYear1", null, "2026-12-01T08:00:00Z", null),
                row("ProjectYea", "r1", "2026-12-01T08:00:00Z", null),
                row(null, "ProjectYear1", "2026-12-01T08:00:00Z", null),
                // each number
                new StoredEvent(8, "e-1", "project-1", 3, "ProjectYear", "Paid", "1", "2026-12-01T08:00:00Z", PAYLOAD, null),
                new StoredEvent(7, "e-1", "project-1", 4, "ProjectYear", "Paid", "1", "2026-12-01T08:00:00Z", PAYLOAD, null),
                new StoredEvent(7, "e-1", "project-1", 3, "ProjectYear", "Paid", "1", "2026-12-01T08:00:00Z", new byte[0], null));

        Set<String> encodings = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (StoredEvent row : rows) {
            encodings.add(HexFormat.of().formatHex(EventChain.encode(row)));
            hashes.add(HexFormat.of().formatHex(EventChain.hash(previous, row)));
        }
        assertThat(encodings).hasSize(rows.size());
        assertThat(hashes).hasSize(rows.size());
    }

    @Test
    void theHashDependsOnThePreviousHash() {
        StoredEvent row = row("ProjectYear", null, "2026-12-01T08:00:00Z", null);
        byte[] first = EventChain.hash(EventChain.genesis(), row);
        assertThat(first).hasSize(EventChain.HASH_LENGTH)
                .isEqualTo(EventChain.hash(EventChain.genesis(), row))
                .isNotEqualTo(EventChain.hash(first, row));
    }

    @Test
    void fieldsAreLengthPrefixedBigEndian() {
        byte[] encoded = new Canonical().number(258).text(null).text("ab").encoded();
        assertThat(HexFormat.of().formatHex(encoded))
                .isEqualTo("00000008" + "0000000000000102" + "ffffffff" + "00000002" + "6162");
    }
}
