package io.jixiao.platform.axon;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A processor's position as stored in {@code token_entry}: the lowest over its segments, 0 when it has stored none.
 * Read with plain SQL because Axon's token store only fetches a token by claiming it, which would take it from the
 * processor.
 */
final class StoredTokenPosition implements LongSupplier {

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final String processor;

    StoredTokenPosition(DataSource dataSource, Serializer serializer, String processor) {
        this.jdbc = JdbcClient.create(dataSource);
        this.serializer = serializer;
        this.processor = processor;
    }

    private record Row(byte[] token, String type) {
    }

    @Override
    public long getAsLong() {
        List<Row> rows = jdbc.sql("select token, token_type from token_entry where processor_name = ?")
                .param(processor)
                .query((rs, n) -> new Row(rs.getBytes("token"), rs.getString("token_type")))
                .list();
        long lowest = rows.isEmpty() ? 0 : Long.MAX_VALUE;
        for (Row row : rows) {
            lowest = Math.min(lowest, position(row));
        }
        return lowest;
    }

    private long position(Row row) {
        if (row.token() == null || row.type() == null) {
            return 0; // initialised at the tail: nothing relayed yet
        }
        TrackingToken token = serializer.deserialize(new SimpleSerializedObject<>(row.token(), byte[].class, row.type(), null));
        return token == null ? 0 : token.position().orElse(0);
    }
}
