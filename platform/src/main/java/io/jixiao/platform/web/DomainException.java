package io.jixiao.platform.web;

import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * A business rule said no. Rendered as problem+json with a stable {@code code}; subclasses pick the status:
 * 404 for an unknown id, 409 for a conflict, 422 for a broken rule.
 */
public abstract class DomainException extends RuntimeException {

    private final String code;
    private final Map<String, Object> details;

    protected DomainException(String code, String message, Map<String, Object> details) {
        super(message);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    protected DomainException(String code, String message) {
        this(code, message, Map.of());
    }

    public String code() {
        return code;
    }

    /** Extra members of the problem document, e.g. the available amount. */
    public Map<String, Object> details() {
        return details;
    }

    public abstract HttpStatus status();

    /** 422: the request is well formed but breaks a business rule. */
    public static class RuleViolation extends DomainException {
        public RuleViolation(String code, String message, Map<String, Object> details) {
            super(code, message, details);
        }

        public RuleViolation(String code, String message) {
            super(code, message);
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.UNPROCESSABLE_CONTENT;
        }
    }

    /** 404: the request names something that does not exist. */
    public static class NotFound extends DomainException {
        public NotFound(String code, String message) {
            super(code, message);
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.NOT_FOUND;
        }
    }

    /** 503: a service this one asks did not answer; nothing was recorded, the request can be retried. */
    public static class Unavailable extends DomainException {
        public Unavailable(String code, String message) {
            super(code, message);
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
    }

    /** 409: the request conflicts with what is already recorded. */
    public static class Conflict extends DomainException {
        public Conflict(String code, String message) {
            super(code, message);
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.CONFLICT;
        }
    }
}
