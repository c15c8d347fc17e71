package io.jixiao.platform.audit;

import io.jixiao.platform.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one request contributes to the audit log, gathered while it runs: the filter creates it, the security layer
 * adds the caller and the action, controllers the target project-year and the idempotency key, the event store the
 * ids of the events written, the error advice the refusal's code.
 */
public final class AuditEntry {

    static final String ATTRIBUTE = AuditEntry.class.getName();

    private Caller caller;
    private String action;
    private String target;
    private String idempotencyKey;
    private String reason;
    private boolean recordEvenIfRead;
    private final List<String> eventIds = new ArrayList<>();

    /** The entry of the request this thread is serving, if it is audited. */
    public static Optional<AuditEntry> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes == null ? Optional.empty()
                : Optional.ofNullable((AuditEntry) attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }

    public static Optional<AuditEntry> of(HttpServletRequest request) {
        return Optional.ofNullable((AuditEntry) request.getAttribute(ATTRIBUTE));
    }

    /** The project-year (or other object) the request is about, when its path does not already name it. */
    public static void target(String target) {
        current().ifPresent(entry -> entry.target = target);
    }

    /** The client's idempotency key (payment reference, adjustment id). */
    public static void idempotencyKey(String key) {
        current().ifPresent(entry -> entry.idempotencyKey = key);
    }

    /** The code of the refusal or error the request ends with. */
    public static void reason(String code) {
        current().ifPresent(entry -> entry.reason = code);
    }

    public void caller(Caller caller) {
        this.caller = caller;
    }

    public void action(String action, boolean recordEvenIfRead) {
        this.action = action;
        this.recordEvenIfRead = recordEvenIfRead;
    }

    public void reasonIfUnset(String code) {
        if (reason == null) {
            reason = code;
        }
    }

    synchronized void eventWritten(String eventId) {
        eventIds.add(eventId);
    }

    Caller caller() {
        return caller;
    }

    String action() {
        return action;
    }

    String target() {
        return target;
    }

    void targetIfUnset(String value) {
        if (target == null) {
            target = value;
        }
    }

    String idempotencyKey() {
        return idempotencyKey;
    }

    String reason() {
        return reason;
    }

    boolean recordEvenIfRead() {
        return recordEvenIfRead;
    }

    synchronized List<String> eventIds() {
        return List.copyOf(eventIds);
    }
}
