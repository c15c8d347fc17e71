package io.jixiao.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL's side of one measured window, statement by statement: {@code pg_stat_statements} (which the stack
 * preloads) is reset when the window opens and read when it closes, over every database of the cluster. Execution
 * time is the server's time inside each statement, a commit's wait for its disk flush included; it is not CPU, but
 * it locates PostgreSQL's share of the CPU table by statement.
 */
final class Statements {

    /** One normalised statement's figures over the window. */
    record Row(String database, String query, long calls, double totalMs, long rows) {

        double meanMs() {
            return calls == 0 ? 0 : totalMs / calls;
        }
    }

    private final String jdbc;
    private final String user;
    private final String password;

    private Statements(String jdbc, String user, String password) {
        this.jdbc = jdbc;
        this.user = user;
        this.password = password;
    }

    /**
     * Resets the counters, or returns null (and says why in the report) when the server does not have the
     * extension loaded, as an external PostgreSQL may not.
     */
    static Statements start(Report report, String jdbc, String user, String password) {
        try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
            return new Statements(jdbc, user, password);
        } catch (SQLException e) {
            report.row("PostgreSQL statements", "not measured", "pg_stat_statements unavailable: " + e.getMessage());
            return null;
        }
    }

    List<Row> read(int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select d.datname, s.query, s.calls, s.total_exec_time, s.rows
                     from pg_stat_statements s join pg_database d on d.oid = s.dbid
                     order by s.total_exec_time desc limit\s""" + limit)) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4), rs.getLong(5)));
            }
        }
        return rows;
    }

    /** Every statement of the window together: how many calls and how much execution time in all. */
    Row total() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0), "
                     + "coalesce(sum(rows), 0) from pg_stat_statements")) {
            rs.next();
            return new Row("all", rs.getLong(1) + " statements", rs.getLong(2), rs.getDouble(3), rs.getLong(4));
        }
    }

    /** The window's top statements by execution time, per item ({@code items} payments, say) and per call. */
    void report(Report report, String key, String phase, long items) throws SQLException {
        Row total = total();
        report.row("PostgreSQL, " + phase + ": every statement (" + total.query() + ")",
                String.format(Locale.ROOT, "%.3f ms per item", total.totalMs() / items),
                String.format(Locale.ROOT, "%.2f calls per item", (double) total.calls() / items));
        report.section("statementTotals").put(key, Map.of("statements", total.query(),
                "callsPerItem", Report.round((double) total.calls() / items, 2),
                "msPerItem", Report.round(total.totalMs() / items, 3)));
        List<Map<String, Object>> json = new ArrayList<>();
        for (Row row : read(15)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("database", row.database());
            r.put("calls", row.calls());
            r.put("callsPerItem", Report.round((double) row.calls() / items, 2));
            r.put("msPerItem", Report.round(row.totalMs() / items, 3));
            r.put("meanMs", Report.round(row.meanMs(), 3));
            r.put("rows", row.rows());
            r.put("query", oneLine(row.query(), 160));
            json.add(r);
            report.row("PostgreSQL, " + phase + ": " + row.database() + " " + oneLine(row.query(), 80),
                    String.format(Locale.ROOT, "%.3f ms per item", row.totalMs() / items),
                    String.format(Locale.ROOT, "%.2f calls per item, %.3f ms each", (double) row.calls() / items, row.meanMs()));
        }
        report.section("statements").put(key, json);
    }

    static String oneLine(String query, int max) {
        String flat = query.replaceAll("\\s+", " ").trim();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
