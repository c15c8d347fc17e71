package io.jixiao.scoring.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.SingleColumnRowMapper;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Many rows in one statement: each parameter is a PostgreSQL array, one element per row, which the statement
 * {@code unnest}s ({@code select * from unnest(?::varchar[], ?::numeric[], ...)}). Elements travel as text and the
 * statement casts them, so exact decimals, dates and instants keep their value; a row is a position across the
 * arrays, so rows keep their order.
 */
final class ArrayStatements {

    private final JdbcTemplate jdbc;

    ArrayStatements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs a statement with one array per parameter and answers its single result column. */
    <T> List<T> query(String sql, Class<T> column, Object[]... arrays) {
        return jdbc.query(creator(sql, arrays), new SingleColumnRowMapper<>(column));
    }

    /** Inserts {@code rows} (each an array of column values) with a statement taking one array per column. */
    int insert(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int width = rows.get(0).length;
        Object[][] columns = new Object[width][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < width; c++) {
                columns[c][r] = rows.get(r)[c];
            }
        }
        return jdbc.update(creator(sql, columns));
    }

    private static PreparedStatementCreator creator(String sql, Object[][] arrays) {
        return connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < arrays.length; i++) {
                statement.setArray(i + 1, textArray(connection, arrays[i]));
            }
            return statement;
        };
    }

    private static Array textArray(Connection connection, Object[] values) throws SQLException {
        String[] text = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            text[i] = text(values[i]);
        }
        return connection.createArrayOf("text", text);
    }

    /** The literal the statement's cast reads back exactly: plain decimals, ISO dates, instants in UTC. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        return value.toString();
    }
}
