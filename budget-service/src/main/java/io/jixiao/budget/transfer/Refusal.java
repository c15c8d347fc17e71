package io.jixiao.budget.transfer;

import io.jixiao.platform.domain.DomainException;

import java.util.Map;

/**
 * The answer a transfer was refused with, kept so that every retry of the same transfer gets the same answer
 * (the first response is the response, as with any idempotency key).
 */
public record Refusal(DomainException.Kind kind, String code, String message, Map<String, String> details) {

    public static Refusal of(DomainException refused) {
        Map<String, String> details = new java.util.TreeMap<>();
        refused.details().forEach((key, value) -> details.put(key, String.valueOf(value)));
        return new Refusal(refused.kind(), refused.code(), refused.getMessage(), details);
    }

    /** The refusal again, as the exception the web layer renders. */
    public DomainException toException() {
        return new Replayed(this);
    }

    /** A refusal answered again to a retry: same kind, code, message and details. */
    static final class Replayed extends DomainException {
        Replayed(Refusal refusal) {
            super(refusal.kind(), refusal.code(), refusal.message(), Map.copyOf(refusal.details()));
        }
    }
}
