package io.jixiao.platform.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The audit log's settings (bound to {@code jixiao.audit}): how long records are kept (at least 183 days, which the
 * table's trigger enforces whatever this says) and how often the retention job runs.
 */
@ConfigurationProperties("jixiao.audit")
public record AuditProperties(@DefaultValue("400d") Duration retention, @DefaultValue("6h") Duration retentionInterval) {

    public static final Duration MINIMUM_RETENTION = Duration.ofDays(183);

    public AuditProperties {
        if (retention.compareTo(MINIMUM_RETENTION) < 0) {
            throw new IllegalArgumentException("jixiao.audit.retention must be at least " + MINIMUM_RETENTION.toDays()
                    + " days (about 6 months), not " + retention.toDays());
        }
    }
}
