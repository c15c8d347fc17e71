package io.jixiao.platform.audit;

import java.time.Instant;

/** Filters and a page of the audit log; the page size is capped so no query reads the whole table at once. */
public record AuditQuery(Instant from, Instant to, String subject, String client, String department, String outcome,
                         String action, String target, int page, int size) {

    public static final int MAX_PAGE_SIZE = 500;

    public AuditQuery {
        if (page < 0) {
            throw new io.jixiao.contracts.InvalidValueException("page", "page must not be negative");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new io.jixiao.contracts.InvalidValueException("size", "size must be between 1 and " + MAX_PAGE_SIZE);
        }
    }
}
