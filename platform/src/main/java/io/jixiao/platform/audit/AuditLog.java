package io.jixiao.platform.audit;

import io.jixiao.platform.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The audit log table of this service's database: appended by {@link AuditFilter}, read by auditors. */
public class AuditLog {

    private static final Logger logger = LoggerFactory.getLogger(AuditLog.class);
    /** Longest text kept of a client-controlled field (a path, a forwarded-for header, a key). */
    private static final int MAX_TEXT = 512;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    void append(HttpServletRequest request, int status, AuditEntry entry, long bodyBytes, String bodySm3) {
        Caller caller = entry.caller();
        List<String> eventIds = status >= 200 && status < 300 ? entry.eventIds() : List.of();
        try {
            jdbc.update(connection -> {
                var insert = connection.prepareStatement("""
                        insert into audit_log (subject, client, department, unit, method, path, action, status, outcome, reason,
                                               target, idempotency_key, event_ids, source_address, forwarded_for, body_bytes, body_sm3)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                insert.setString(1, caller == null ? null : clip(caller.subject()));
                insert.setString(2, caller == null ? null : clip(caller.client()));
                insert.setString(3, caller == null ? null : clip(caller.department()));
                insert.setString(4, caller == null ? null : clip(caller.unit()));
                insert.setString(5, clip(request.getMethod()));
                insert.setString(6, clip(request.getRequestURI()));
                insert.setString(7, entry.action());
                insert.setInt(8, status);
                insert.setString(9, outcome(status));
                insert.setString(10, clip(entry.reason()));
                insert.setString(11, clip(entry.target()));
                insert.setString(12, clip(entry.idempotencyKey()));
                Array ids = eventIds.isEmpty() ? null : connection.createArrayOf("text", eventIds.toArray());
                insert.setArray(13, ids);
                insert.setString(14, request.getRemoteAddr());
                insert.setString(15, clip(request.getHeader("X-Forwarded-For")));
                insert.setLong(16, bodyBytes);
                insert.setString(17, bodySm3);
                return insert;
            });
        } catch (RuntimeException e) {
            // the answer has been given; losing its record must be loud, never silent
            logger.error("audit record not written: {} {} -> {}", request.getMethod(), clip(request.getRequestURI()).replaceAll("[\\r\\n]", "_"), status, e);
        }
    }

    static String outcome(int status) {
        if (status >= 200 && status < 300) {
            return "accepted";
        }
        return switch (status) {
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            default -> status >= 500 ? "failed" : "refused";
        };
    }

    /** A page of records, newest first, filtered by any of the given fields. */
    public List<AuditRecord> find(AuditQuery query) {
        StringBuilder where = new StringBuilder("where true");
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        if (query.from() != null) {
            where.append(" and recorded_at >= :from");
            parameters.addValue("from", Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            where.append(" and recorded_at < :to");
            parameters.addValue("to", Timestamp.from(query.to()));
        }
        equal(where, parameters, "subject", query.subject());
        equal(where, parameters, "client", query.client());
        equal(where, parameters, "department", query.department());
        equal(where, parameters, "outcome", query.outcome());
        equal(where, parameters, "action", query.action());
        equal(where, parameters, "target", query.target());
        parameters.addValue("limit", query.size());
        parameters.addValue("offset", (long) query.page() * query.size());
        return named.query("select * from audit_log " + where + " order by id desc limit :limit offset :offset", parameters,
                (row, n) -> {
                    Array ids = row.getArray("event_ids");
                    List<String> eventIds = ids == null ? List.of() : List.of((String[]) ids.getArray());
                    return new AuditRecord(row.getLong("id"), row.getTimestamp("recorded_at").toInstant(),
                            row.getString("subject"), row.getString("client"), row.getString("department"), row.getString("unit"),
                            row.getString("method"), row.getString("path"), row.getString("action"), row.getInt("status"),
                            row.getString("outcome"), row.getString("reason"), row.getString("target"),
                            row.getString("idempotency_key"), eventIds, row.getString("source_address"),
                            row.getString("forwarded_for"), row.getLong("body_bytes"), row.getString("body_sm3"));
                });
    }

    private static void equal(StringBuilder where, MapSqlParameterSource parameters, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" and ").append(column).append(" = :").append(column);
            parameters.addValue(column, value);
        }
    }

    /** Deletes the records older than the retention; the table's trigger refuses any younger than 183 days. */
    public int deleteOlderThan(Duration retention, Instant now) {
        return jdbc.update("delete from audit_log where recorded_at < ?", Timestamp.from(now.minus(retention)));
    }

    private static String clip(String value) {
        return value == null || value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT);
    }
}
