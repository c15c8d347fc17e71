package io.jixiao.budget.transfer;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The transfers that have not reached their end, kept by a subscribing processor in the same transaction as the
 * transfer's own events: what {@link TransferRecovery} carries on after a crash.
 */
@Component
@ProcessingGroup(OpenTransfers.PROCESSING_GROUP)
class OpenTransfers {

    static final String PROCESSING_GROUP = "open-transfers";

    private final JdbcClient jdbc;

    OpenTransfers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TransferRequested event, @Timestamp Instant requestedAt) {
        jdbc.sql("insert into open_transfer (transfer_id, requested_at) values (?, ?)")
                .params(event.transferId(), OffsetDateTime.ofInstant(requestedAt, ZoneOffset.UTC)).update();
    }

    @EventHandler
    void on(TransferCompleted event) {
        close(event.transferId());
    }

    @EventHandler
    void on(TransferRefused event) {
        if (!event.debited()) {
            close(event.transferId());
        }
    }

    @EventHandler
    void on(TransferReturned event) {
        close(event.transferId());
    }

    private void close(String transferId) {
        jdbc.sql("delete from open_transfer where transfer_id = ?").param(transferId).update();
    }

    /** Open transfers requested before {@code before}, oldest first. */
    List<String> requestedBefore(Instant before, int limit) {
        return jdbc.sql("select transfer_id from open_transfer where requested_at < ? order by requested_at limit ?")
                .params(OffsetDateTime.ofInstant(before, ZoneOffset.UTC), limit).query(String.class).list();
    }
}
