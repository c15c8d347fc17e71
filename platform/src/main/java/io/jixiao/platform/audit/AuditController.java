package io.jixiao.platform.audit;

import io.jixiao.contracts.access.Role;
import io.jixiao.platform.security.Allowed;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Auditors read this service's audit log, newest first, filtered and paged. */
@RestController
public class AuditController {

    private final AuditLog log;

    public AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/audit-log")
    @Allowed(value = Role.AUDITOR, action = "read-audit-log", audited = true)
    public List<AuditRecord> records(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                     @RequestParam(required = false) String subject,
                                     @RequestParam(required = false) String client,
                                     @RequestParam(required = false) String department,
                                     @RequestParam(required = false) String outcome,
                                     @RequestParam(required = false) String action,
                                     @RequestParam(required = false) String target,
                                     @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "100") int size) {
        return log.find(new AuditQuery(from, to, subject, client, department, outcome, action, target, page, size));
    }
}
