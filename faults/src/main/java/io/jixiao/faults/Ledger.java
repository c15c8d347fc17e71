package io.jixiao.faults;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The load generator's own books: what the system answered 2xx to, and what it refused, kept apart from the system
 * itself. The invariants compare the event store and the read model with it.
 */
final class Ledger {

    /** A kind of money fact, as the event store and the read model's {@code contribution} name it. */
    enum Kind {
        PAYMENT("ExpenditureRecorded"), REVERSAL("ExpenditureReversed"), REFUND("ExpenditureRefunded"),
        ADJUSTMENT("BudgetAdjusted"), INITIAL("InitialBudgetAllocated");

        final String eventType;

        Kind(String eventType) {
            this.eventType = eventType;
        }
    }

    /** One accepted fact: its key is the reference the event carries (payment, refund or adjustment id). */
    record Fact(Kind kind, String projectId, String fundSource, String key, BigDecimal fullYear, BigDecimal executed) {
    }

    /** A request whose first answer was ambiguous and which a retry resolved, with the path and body to send again. */
    record Resolved(String method, String path, String body, int status, String answer) {
    }

    /** (project, fund source) → [full year, executed]. */
    private final Map<List<String>, BigDecimal[]> funds = new ConcurrentHashMap<>();
    /** (kind, project, key) of every accepted fact: each must be in the store and the read model exactly once. */
    private final Map<List<String>, Fact> accepted = new ConcurrentHashMap<>();
    /** (project, payment reference) of payments refused with a 4xx: none may have an event. */
    private final Set<List<String>> refused = ConcurrentHashMap.newKeySet();
    /** (project, indicator) → the actual last acknowledged. */
    private final Map<List<String>, String> actuals = new ConcurrentHashMap<>();
    private final List<Resolved> resolved = java.util.Collections.synchronizedList(new ArrayList<>());

    void accept(Fact fact) {
        if (accepted.putIfAbsent(List.of(fact.kind().name(), fact.projectId(), fact.key()), fact) != null) {
            throw new IllegalStateException("the load sent " + fact + " twice under one key");
        }
        funds.compute(List.of(fact.projectId(), fact.fundSource()), (k, v) -> {
            BigDecimal[] sums = v == null ? new BigDecimal[]{BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)} : v;
            return new BigDecimal[]{sums[0].add(fact.fullYear()), sums[1].add(fact.executed())};
        });
    }

    void refuse(String projectId, String paymentReference) {
        refused.add(List.of(projectId, paymentReference));
    }

    void actual(String projectId, String indicatorId, String actual) {
        actuals.put(List.of(projectId, indicatorId), actual);
    }

    void resolved(Resolved r) {
        resolved.add(r);
    }

    Map<List<String>, BigDecimal[]> funds() {
        return Map.copyOf(funds);
    }

    Map<List<String>, Fact> accepted() {
        return Map.copyOf(accepted);
    }

    Set<List<String>> refused() {
        return Set.copyOf(refused);
    }

    Map<List<String>, String> actuals() {
        return Map.copyOf(actuals);
    }

    List<Resolved> resolvedAfterAmbiguity() {
        synchronized (resolved) {
            return List.copyOf(resolved);
        }
    }

    long count(Kind kind) {
        return accepted.values().stream().filter(f -> f.kind() == kind).count();
    }
}
