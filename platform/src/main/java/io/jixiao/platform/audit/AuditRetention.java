package io.jixiao.platform.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;

/** Deletes audit records older than the retention, and nothing younger. */
public class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditLog auditLog;
    private final AuditProperties properties;
    private final Clock clock;

    public AuditRetention(AuditLog auditLog, AuditProperties properties, Clock clock) {
        this.auditLog = auditLog;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "#{@'jixiao.audit-io.jixiao.platform.audit.AuditProperties'.retentionInterval().toMillis()}",
            initialDelayString = "#{@'jixiao.audit-io.jixiao.platform.audit.AuditProperties'.retentionInterval().toMillis()}")
    public void run() {
        int deleted = auditLog.deleteOlderThan(properties.retention(), clock.instant());
        if (deleted > 0) {
            log.info("audit log: {} records older than {} days deleted", deleted, properties.retention().toDays());
        }
    }
}
