package io.jixiao.platform.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.LongSupplier;

/**
 * The relay's backlog as operators see it: {@code jixiao.relay.backlog} (Prometheus {@code jixiao_relay_backlog}),
 * the position of the newest stored event minus the relay's position as persisted with its token (what Kafka has
 * acknowledged), and {@code jixiao.relay.backlog.limit}, the bound beyond which writes wait. Both tagged with the
 * topic.
 *
 * <p>Why the persisted position and not {@link RelayBacklog}'s in-memory one: a relay that has stopped or lost its
 * claim has no in-memory status, and would show no backlog exactly when it has the largest. A gap in the store's
 * global index (a rolled-back append) counts as an event until the relay has passed it.
 */
public class RelayMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(RelayMetrics.class);

    private final String topic;
    private final LongSupplier headPosition;
    private final LongSupplier acknowledgedPosition;
    private final long limit;

    /**
     * @param headPosition         the position of the newest stored event (0 for an empty store)
     * @param acknowledgedPosition the relay's position as stored with its token (0 before it stored one)
     */
    public RelayMetrics(String topic, LongSupplier headPosition, LongSupplier acknowledgedPosition, long limit) {
        this.topic = topic;
        this.headPosition = headPosition;
        this.acknowledgedPosition = acknowledgedPosition;
        this.limit = limit;
    }

    /** Events stored but not acknowledged by Kafka; NaN while the database cannot be read. */
    public double backlog() {
        try {
            return Math.max(0, headPosition.getAsLong() - acknowledgedPosition.getAsLong());
        } catch (RuntimeException e) {
            log.debug("relay backlog not measured: {}", e.toString());
            return Double.NaN;
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("jixiao.relay.backlog", this, RelayMetrics::backlog).tag("topic", topic)
                .description("events stored but not yet acknowledged by Kafka (store head minus the relay's persisted position)")
                .register(registry);
        Gauge.builder("jixiao.relay.backlog.limit", () -> limit).tag("topic", topic)
                .description("unpublished events beyond which writes wait and then answer 503 relay-behind")
                .register(registry);
    }
}
