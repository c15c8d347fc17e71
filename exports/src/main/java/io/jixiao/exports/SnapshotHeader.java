package io.jixiao.exports;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * What every export of a snapshot prints about it, and nothing that changes from one export to the next (no time
 * of export, no time zone of the machine): the same snapshot always gives the same bytes.
 *
 * @param id         the snapshot's id
 * @param quarter    e.g. {@code 2023-Q4}
 * @param department the 主管部门 it was taken for; null for all
 * @param asOf       the business-date cut-off: the quarter's last day (to 23:59:59 Asia/Shanghai)
 * @param knownAt    the recorded-time cut-off: what was known then
 * @param takenAt    when it was taken; export metadata (document dates) use this, never the clock
 * @param digest     the SM3 digest of its content, hex
 */
public record SnapshotHeader(String id, String quarter, String department, LocalDate asOf, OffsetDateTime knownAt,
                             OffsetDateTime takenAt, String digest) {

    public SnapshotHeader {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(quarter, "quarter");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(knownAt, "knownAt");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(digest, "digest");
    }
}
