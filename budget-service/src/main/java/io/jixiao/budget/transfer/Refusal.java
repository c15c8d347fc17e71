package io.jixiao.budget.transfer;

import io.jixiao.platform.web.DomainException;
import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * The answer a transfer was refused with, kept so that every retry of the same transfer gets the same answer
 * (the first response is the response, as with any idempotency key).
 */
public record Refusal(int status, String code, String message, Map<String, String> details) {

    public static Refusal of(DomainException refused) {
        Map<String, String> details = new java.util.TreeMap<>();
        refused.details().forEach((key, value) -> details.put(key, String.valueOf(value)));
        return new Refusal(refused.status().value(), refused.code(), refused.getMessage(), details);
    }

    /** The refusal again, as the exception the web layer renders. */
    public DomainException toException() {
        return new Replayed(this);
    }

    /** A refusal answered again to a retry: same status, code, message and details. */
    static final class Replayed extends DomainException {
        private final HttpStatus status;

        Replayed(Refusal refusal) {
            super(refusal.code(), refusal.message(), Map.copyOf(refusal.details()));
            this.status = HttpStatus.valueOf(refusal.status());
        }

        @Override
        public HttpStatus status() {
            return status;
        }
    }
}
