package io.jixiao.scoring.projection;

import io.jixiao.contracts.EventEnvelope;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The dedup rows ({@code applied_event}, keyed by stream, project and sequence): which records of a batch are new,
 * and whether a known key carries the same event (a redelivery) or another one (a conflict).
 */
final class AppliedEvents {

    /**
     * The dedup rows of a whole batch in one statement, a row per array element in the batch's order. It answers
     * the event ids it inserted: a key already applied (or met earlier in the same batch) is skipped by
     * {@code on conflict do nothing}. One statement instead of one per record is what lets a rebuild go at the
     * speed of the database rather than of its round trips.
     */
    private static final String MARK_APPLIED = """
            insert into applied_event (stream, project_id, sequence, event_id, event_type, business_date, recorded_at)
            select * from unnest(?::text[]::varchar[], ?::text[]::varchar[], ?::text[]::bigint[], ?::text[]::varchar[],
                                 ?::text[]::varchar[], ?::text[]::date[], ?::text[]::timestamptz[])
            on conflict do nothing
            returning event_id
            """;

    /** The highest sequence applied per (stream, project) of a batch, in one statement; null where none is. */
    private static final String HIGHEST_APPLIED = """
            select coalesce((select max(e.sequence) from applied_event e where e.stream = k.stream and e.project_id = k.project_id), -1)
            from unnest(?::text[]::varchar[], ?::text[]::varchar[]) with ordinality as k(stream, project_id, n)
            order by k.n
            """;

    private final JdbcClient jdbc;
    private final ArrayStatements arrays;

    AppliedEvents(JdbcClient jdbc, ArrayStatements arrays) {
        this.jdbc = jdbc;
        this.arrays = arrays;
    }

    /** Inserts the batch's dedup rows; answers the event ids that are new. */
    Set<String> markApplied(List<ReadModelProjection.Parsed> records) {
        int n = records.size();
        String[] streams = new String[n];
        String[] projects = new String[n];
        String[] sequences = new String[n];
        String[] eventIds = new String[n];
        String[] types = new String[n];
        String[] businessDates = new String[n];
        String[] recordedAt = new String[n];
        for (int i = 0; i < n; i++) {
            EventEnvelope envelope = records.get(i).envelope();
            streams[i] = records.get(i).stream().column();
            projects[i] = envelope.projectId();
            sequences[i] = Long.toString(envelope.sequence());
            eventIds[i] = envelope.eventId();
            types[i] = envelope.type();
            businessDates[i] = Objects.toString(envelope.businessDate(), null);
            recordedAt[i] = envelope.recordedAt().toString();
        }
        return new HashSet<>(arrays.query(MARK_APPLIED, String.class, streams, projects, sequences, eventIds, types,
                businessDates, recordedAt));
    }

    /**
     * The highest sequence applied so far for each (stream, project), -1 for none, by {@code stream/project}: where
     * each one's next record must start.
     */
    Map<String, Long> highestApplied(Set<String> keys) {
        List<String> ordered = List.copyOf(keys);
        String[] streams = new String[ordered.size()];
        String[] projects = new String[ordered.size()];
        for (int i = 0; i < ordered.size(); i++) {
            String key = ordered.get(i);
            int slash = key.indexOf('/');
            streams[i] = key.substring(0, slash);
            projects[i] = key.substring(slash + 1);
        }
        List<Long> highest = arrays.query(HIGHEST_APPLIED, Long.class, streams, projects);
        Map<String, Long> byKey = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            byKey.put(ordered.get(i), highest.get(i));
        }
        return byKey;
    }

    /** A redelivery carries the same event id; anything else under a known key is a conflict, not a duplicate. */
    void requireSameEvent(Stream stream, EventEnvelope envelope) {
        String stored = jdbc.sql("select event_id from applied_event where stream = ? and project_id = ? and sequence = ?")
                .params(stream.column(), envelope.projectId(), envelope.sequence())
                .query(String.class)
                .optional()
                .orElse(null);
        if (!envelope.eventId().equals(stored)) {
            throw new SequenceConflictException("event " + envelope.eventId() + " (" + stream.column() + ' '
                    + envelope.projectId() + " #" + envelope.sequence() + ") collides with applied event " + stored);
        }
    }
}
