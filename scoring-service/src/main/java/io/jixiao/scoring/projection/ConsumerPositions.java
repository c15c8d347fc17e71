package io.jixiao.scoring.projection;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The next offset to read per partition, kept in the read model's own database. */
@Component
public class ConsumerPositions {

    private final JdbcClient jdbc;

    ConsumerPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> nextOffset(String topic, int partition) {
        return jdbc.sql("select next_offset from consumer_position where topic = ? and partition = ?")
                .params(topic, partition)
                .query(Long.class)
                .optional();
    }

    /** Every stored position (the projection-lag metrics compare them with Kafka's end offsets). */
    public Map<TopicPartition, Long> all() {
        Map<TopicPartition, Long> all = new HashMap<>();
        jdbc.sql("select topic, partition, next_offset from consumer_position")
                .query(row -> {
                    all.put(new TopicPartition(row.getString("topic"), row.getInt("partition")), row.getLong("next_offset"));
                });
        return all;
    }

    /** Moves the position forward to {@code nextOffset}; never backwards, so a late redelivery cannot rewind it. */
    void advance(String topic, int partition, long nextOffset) {
        jdbc.sql("""
                        insert into consumer_position (topic, partition, next_offset) values (?, ?, ?)
                        on conflict (topic, partition) do update
                           set next_offset = greatest(consumer_position.next_offset, excluded.next_offset),
                               updated_at = now()
                        """)
                .params(topic, partition, nextOffset)
                .update();
    }
}
