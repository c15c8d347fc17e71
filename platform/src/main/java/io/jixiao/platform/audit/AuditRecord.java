package io.jixiao.platform.audit;

import java.time.Instant;
import java.util.List;

/** One row of the audit log as auditors read it. */
public record AuditRecord(long id, Instant recordedAt, String subject, String client, String department, String unit,
                          String method, String path, String action, int status, String outcome, String reason,
                          String target, String idempotencyKey, List<String> eventIds, String sourceAddress,
                          String forwardedFor, long bodyBytes, String bodySm3) {
}
