package io.jixiao.platform.domain;

import java.util.Map;

/**
 * A business rule said no, or something the decision needs is missing. It carries a stable {@code code} and a
 * {@link Kind}; it knows nothing of HTTP: the web layer ({@code platform.web.ProblemAdvice}) maps each kind to a
 * status and renders problem+json.
 */
public class DomainException extends RuntimeException {

    /** What kind of no it is. */
    public enum Kind {
        /** The request names something that does not exist. */
        NOT_FOUND,
        /** The request conflicts with what is already recorded (a key reused with another content). */
        CONFLICT,
        /** The request is well formed but breaks a business rule. */
        RULE_BROKEN,
        /** Something the decision needs (another service) did not answer; nothing was recorded, a retry is safe. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final Map<String, Object> details;

    protected DomainException(Kind kind, String code, String message, Map<String, Object> details) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** Extra members of the problem document, e.g. the available amount. */
    public Map<String, Object> details() {
        return details;
    }

    /** A broken business rule. */
    public static class RuleViolation extends DomainException {
        public RuleViolation(String code, String message, Map<String, Object> details) {
            super(Kind.RULE_BROKEN, code, message, details);
        }

        public RuleViolation(String code, String message) {
            this(code, message, Map.of());
        }
    }

    /** An unknown id. */
    public static class NotFound extends DomainException {
        public NotFound(String code, String message) {
            super(Kind.NOT_FOUND, code, message, Map.of());
        }
    }

    /** A service this one asks did not answer; nothing was recorded, the request can be retried. */
    public static class Unavailable extends DomainException {
        public Unavailable(String code, String message, Map<String, Object> details) {
            super(Kind.UNAVAILABLE, code, message, details);
        }

        public Unavailable(String code, String message) {
            this(code, message, Map.of());
        }
    }

    /** A conflict with what is already recorded. */
    public static class Conflict extends DomainException {
        public Conflict(String code, String message) {
            super(Kind.CONFLICT, code, message, Map.of());
        }
    }
}
