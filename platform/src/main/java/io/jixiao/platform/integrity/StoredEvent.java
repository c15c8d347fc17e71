package io.jixiao.platform.integrity;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of Axon's {@code domain_event_entry} as stored: what the chain hashes, every column of it, so that a
 * change to any of them (payload, metadata, type, timestamp, position) changes the row's hash.
 */
public record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                          String type, String payloadType, String payloadRevision, String timeStamp,
                          byte[] payload, byte[] metaData) {

    /** The columns {@link #read} expects, in the order the chain encodes them. */
    static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type, "
            + "payload_type, payload_revision, time_stamp, payload, meta_data";

    static StoredEvent read(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong("global_index"), row.getString("event_identifier"),
                row.getString("aggregate_identifier"), row.getLong("sequence_number"), row.getString("type"),
                row.getString("payload_type"), row.getString("payload_revision"), row.getString("time_stamp"),
                row.getBytes("payload"), row.getBytes("meta_data"));
    }
}
