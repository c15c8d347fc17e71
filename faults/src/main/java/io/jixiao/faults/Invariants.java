package io.jixiao.faults;

import io.jixiao.deploy.Service;
import io.jixiao.deploy.Stack;
import io.jixiao.faults.Ledger.Kind;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The invariants of docs/reliability.md, checked against the event stores (budget, indicator), the read model
 * (scoring) and the {@link Ledger}, for the suite's own project-years. Each check returns its violations; none is
 * a pass.
 *
 * <ul>
 *   <li>I1 exactly-once effect: every accepted fact has one stored event and one read-model contribution;</li>
 *   <li>I2 conservation: per project and fund source, read model = event store = ledger, to the fen; the last
 *       acknowledged indicator actual is the read model's;</li>
 *   <li>I3 no phantoms: every contribution has its source event; no refused payment has an event;</li>
 *   <li>I4 order: per aggregate the stored sequence numbers are 0..n-1, the read model applied each of them once,
 *       and the times it applied them rise with the sequence;</li>
 *   <li>I5 ambiguity resolves: each request whose first answer was ambiguous, sent once more, answers as its retry
 *       did (but that a first recording now says {@code DUPLICATE}).</li>
 * </ul>
 */
final class Invariants {

    /** Where to read: JDBC URLs of the three databases (user postgres, as the embedded server has it). */
    record Databases(String budget, String indicator, String scoring, String user, String password) {

        /** The stack's three databases; they share one server, so one user and password. */
        static Databases of(Stack stack) {
            var budget = stack.database(Service.BUDGET);
            return new Databases(budget.url(), stack.database(Service.INDICATOR).url(), stack.database(Service.SCORING).url(),
                    budget.user(), budget.password() == null ? "" : budget.password());
        }
    }

    /** One stored event of the suite's project-years. */
    record Stored(String aggregate, long sequence, String eventId, String type, JsonNode payload) {
    }

    private final Databases databases;
    private final List<String> projects;

    Invariants(Databases databases, List<String> projects) {
        this.databases = databases;
        this.projects = List.copyOf(projects);
    }

    /** True when the read model has applied every stored event of the suite's project-years, on both streams. */
    boolean caughtUp() throws SQLException {
        return lag() == 0;
    }

    /** Stored events of the suite's project-years the read model has not applied yet. */
    long lag() throws SQLException {
        // applied first: an event is stored before it is applied, so what is stored a moment later is never less
        long applied = count(databases.scoring(), "select count(*) from applied_event where project_id = any(?)");
        long stored = count(databases.budget(), "select count(*) from domain_event_entry where aggregate_identifier = any(?)")
                + count(databases.indicator(), "select count(*) from domain_event_entry where aggregate_identifier = any(?)");
        return stored - applied;
    }

    private long count(String url, String sql) throws SQLException {
        try (Connection c = connect(url); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("varchar", projects.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** I1 to I4; each entry is an invariant and its violations (at most 20 listed, then a count). */
    Map<String, List<String>> check(Ledger ledger) throws SQLException {
        List<Stored> budget = stored(databases.budget());
        List<Stored> indicator = stored(databases.indicator());
        Map<String, Contribution> contributions = contributions();
        Map<String, List<Applied>> applied = applied();
        Map<String, List<String>> result = new LinkedHashMap<>();
        result.put("I1 exactly-once effect", exactlyOnce(ledger, budget, contributions));
        result.put("I2 conservation", conservation(ledger, budget));
        result.put("I3 no phantoms", noPhantoms(ledger, budget, contributions));
        result.put("I4 order", order(budget, indicator, applied));
        return result;
    }

    private record Contribution(String eventId, String projectId, String fundSource, String type, String reference,
                                BigDecimal fullYear, BigDecimal executed) {
    }

    private record Applied(long sequence, String eventId, Timestamp at) {
    }

    private List<String> exactlyOnce(Ledger ledger, List<Stored> budget, Map<String, Contribution> contributions) {
        Map<List<String>, List<Stored>> storedByKey = new HashMap<>();
        for (Stored s : budget) {
            key(s).ifPresent(k -> storedByKey.computeIfAbsent(k, x -> new ArrayList<>()).add(s));
        }
        Map<List<String>, Integer> contributed = new HashMap<>();
        for (Contribution c : contributions.values()) {
            contributed.merge(List.of(c.type(), c.projectId(), String.valueOf(c.reference())), 1, Integer::sum);
        }
        Violations v = new Violations();
        ledger.accepted().forEach((k, fact) -> {
            List<String> key = List.of(fact.kind().eventType, fact.projectId(), fact.key());
            int events = storedByKey.getOrDefault(key, List.of()).size();
            int rows = contributed.getOrDefault(key, 0);
            if (events != 1 || rows != 1) {
                v.add(fact.kind() + " " + fact.projectId() + " " + fact.key() + ": " + events + " stored events, "
                        + rows + " read-model contributions (1 each expected)");
            }
        });
        // and the other way round: no money event the ledger does not know of (a request answered 4xx or never sent)
        Set<List<String>> known = new HashSet<>();
        ledger.accepted().values().forEach(f -> known.add(List.of(f.kind().eventType, f.projectId(), f.key())));
        storedByKey.forEach((key, events) -> {
            if (!known.contains(key)) {
                v.add("stored " + key + " (" + events.size() + " events) was never acknowledged to the load");
            }
        });
        return v.list();
    }

    /** (event type, project, the reference the read model keeps) of a money event. */
    private static Optional<List<String>> key(Stored s) {
        String reference = switch (s.type()) {
            case "ExpenditureRecorded", "ExpenditureReversed" -> s.payload().path("paymentReference").asString();
            case "ExpenditureRefunded" -> s.payload().path("refundReference").asString();
            case "BudgetAdjusted" -> s.payload().path("adjustmentId").asString();
            case "InitialBudgetAllocated" -> s.payload().path("documentNumber").asString();
            default -> null;
        };
        return reference == null ? Optional.empty() : Optional.of(List.of(s.type(), s.aggregate(), reference));
    }

    private List<String> conservation(Ledger ledger, List<Stored> budget) throws SQLException {
        Map<List<String>, BigDecimal[]> fromStore = new TreeMap<>(Invariants::compareKeys);
        for (Stored s : budget) {
            JsonNode p = s.payload();
            if (!p.has("amount") || !p.has("fundSource")) {
                continue;
            }
            BigDecimal amount = new BigDecimal(p.path("amount").asString());
            BigDecimal fullYear = BigDecimal.ZERO;
            BigDecimal executed = BigDecimal.ZERO;
            switch (s.type()) {
                case "InitialBudgetAllocated" -> fullYear = amount;
                case "BudgetAdjusted" -> fullYear = switch (p.path("kind").asString()) {
                    case "INCREASE", "TRANSFER_IN" -> amount;
                    default -> amount.negate();
                };
                case "ExpenditureRecorded" -> executed = amount;
                case "ExpenditureReversed", "ExpenditureRefunded" -> executed = amount.negate();
                default -> {
                    continue;
                }
            }
            BigDecimal fy = fullYear;
            BigDecimal ex = executed;
            fromStore.merge(List.of(s.aggregate(), p.path("fundSource").asString()), new BigDecimal[]{fy, ex},
                    (a, b) -> new BigDecimal[]{a[0].add(b[0]), a[1].add(b[1])});
        }
        Map<List<String>, BigDecimal[]> readModel = new TreeMap<>(Invariants::compareKeys);
        try (Connection c = connect(databases.scoring());
             PreparedStatement s = c.prepareStatement(
                     "select project_id, fund_source, full_year, executed from fund_position where project_id = any(?)")) {
            s.setArray(1, c.createArrayOf("varchar", projects.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    readModel.put(List.of(rs.getString(1), rs.getString(2)), new BigDecimal[]{rs.getBigDecimal(3), rs.getBigDecimal(4)});
                }
            }
        }
        Violations v = new Violations();
        Set<List<String>> keys = new HashSet<>(fromStore.keySet());
        keys.addAll(readModel.keySet());
        keys.addAll(ledger.funds().keySet());
        for (List<String> key : keys) {
            BigDecimal[] l = ledger.funds().getOrDefault(key, zeros());
            BigDecimal[] e = fromStore.getOrDefault(key, zeros());
            BigDecimal[] r = readModel.getOrDefault(key, zeros());
            for (int i = 0; i < 2; i++) {
                if (l[i].compareTo(e[i]) != 0 || e[i].compareTo(r[i]) != 0) {
                    v.add(key + (i == 0 ? " full year" : " executed") + ": ledger " + l[i] + ", event store " + e[i]
                            + ", read model " + r[i]);
                }
            }
        }
        // the indicator actual last acknowledged is the one the form shows
        try (Connection c = connect(databases.scoring());
             PreparedStatement s = c.prepareStatement("select project_id, indicator_id, actual from indicator where project_id = any(?)")) {
            s.setArray(1, c.createArrayOf("varchar", projects.toArray()));
            Map<List<String>, String> shown = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    shown.put(List.of(rs.getString(1), rs.getString(2)), rs.getString(3));
                }
            }
            ledger.actuals().forEach((key, actual) -> {
                if (!actual.equals(shown.get(key))) {
                    v.add(key + " actual: last acknowledged " + actual + ", read model " + shown.get(key));
                }
            });
        }
        return v.list();
    }

    private List<String> noPhantoms(Ledger ledger, List<Stored> budget, Map<String, Contribution> contributions) {
        Violations v = new Violations();
        Set<String> storedIds = new HashSet<>();
        budget.forEach(s -> storedIds.add(s.eventId()));
        contributions.values().forEach(c -> {
            if (!storedIds.contains(c.eventId())) {
                v.add("contribution " + c.eventId() + " (" + c.type() + " " + c.reference() + ") has no stored event");
            }
        });
        Set<List<String>> paymentReferences = new HashSet<>();
        budget.stream().filter(s -> s.type().equals("ExpenditureRecorded"))
                .forEach(s -> paymentReferences.add(List.of(s.aggregate(), s.payload().path("paymentReference").asString())));
        for (List<String> refused : ledger.refused()) {
            if (paymentReferences.contains(refused)) {
                v.add("payment " + refused + " was refused with a 4xx and has an event");
            }
        }
        return v.list();
    }

    private List<String> order(List<Stored> budget, List<Stored> indicator, Map<String, List<Applied>> applied) {
        Violations v = new Violations();
        for (var stream : Map.of("budget", budget, "indicator", indicator).entrySet()) {
            Map<String, List<Stored>> byAggregate = new HashMap<>();
            stream.getValue().forEach(s -> byAggregate.computeIfAbsent(s.aggregate(), a -> new ArrayList<>()).add(s));
            byAggregate.forEach((aggregate, events) -> {
                events.sort(java.util.Comparator.comparingLong(Stored::sequence));
                for (int i = 0; i < events.size(); i++) {
                    if (events.get(i).sequence() != i) {
                        v.add(stream.getKey() + " " + aggregate + ": stored sequence " + events.get(i).sequence() + " at position " + i);
                        break;
                    }
                }
                List<Applied> seen = applied.getOrDefault(stream.getKey() + "/" + aggregate, List.of());
                if (seen.size() != events.size()) {
                    v.add(stream.getKey() + " " + aggregate + ": " + events.size() + " stored, " + seen.size() + " applied");
                }
                for (int i = 0; i < Math.min(seen.size(), events.size()); i++) {
                    Applied a = seen.get(i);
                    if (a.sequence() != i || !a.eventId().equals(events.get(i).eventId())) {
                        v.add(stream.getKey() + " " + aggregate + ": applied " + a.sequence() + "/" + a.eventId()
                                + " where the store has " + i + "/" + events.get(i).eventId());
                        break;
                    }
                    if (i > 0 && a.at().before(seen.get(i - 1).at())) {
                        v.add(stream.getKey() + " " + aggregate + ": sequence " + i + " applied at " + a.at()
                                + ", before sequence " + (i - 1) + " at " + seen.get(i - 1).at());
                        break;
                    }
                }
            });
        }
        return v.list();
    }

    private List<Stored> stored(String url) throws SQLException {
        List<Stored> events = new ArrayList<>();
        try (Connection c = connect(url);
             PreparedStatement s = c.prepareStatement("""
                     select aggregate_identifier, sequence_number, event_identifier, payload_type, payload
                     from domain_event_entry where aggregate_identifier = any(?) order by global_index""")) {
            s.setArray(1, c.createArrayOf("varchar", projects.toArray()));
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(4);
                    events.add(new Stored(rs.getString(1), rs.getLong(2), rs.getString(3),
                            type.substring(type.lastIndexOf('.') + 1), Load.JSON.readTree(rs.getBytes(5))));
                }
            }
        }
        return events;
    }

    private Map<String, Contribution> contributions() throws SQLException {
        Map<String, Contribution> rows = new HashMap<>();
        try (Connection c = connect(databases.scoring());
             PreparedStatement s = c.prepareStatement("""
                     select event_id, project_id, fund_source, event_type, reference, full_year, executed
                     from contribution where project_id = any(?)""")) {
            s.setArray(1, c.createArrayOf("varchar", projects.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new Contribution(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7)));
                }
            }
        }
        return rows;
    }

    /** stream/project → applied events in sequence order. */
    private Map<String, List<Applied>> applied() throws SQLException {
        Map<String, List<Applied>> rows = new HashMap<>();
        try (Connection c = connect(databases.scoring());
             PreparedStatement s = c.prepareStatement("""
                     select stream, project_id, sequence, event_id, applied_at from applied_event
                     where project_id = any(?) order by stream, project_id, sequence""")) {
            Array ids = c.createArrayOf("varchar", projects.toArray());
            s.setArray(1, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new ArrayList<>())
                            .add(new Applied(rs.getLong(3), rs.getString(4), rs.getTimestamp(5)));
                }
            }
        }
        return rows;
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, databases.user(), databases.password());
    }

    private static BigDecimal[] zeros() {
        return new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO};
    }

    private static int compareKeys(List<String> a, List<String> b) {
        return String.join("/", a).compareTo(String.join("/", b));
    }

    /** At most 20 listed, then how many more. */
    static final class Violations {
        private final List<String> listed = new ArrayList<>();
        private int more;

        void add(String violation) {
            if (listed.size() < 20) {
                listed.add(violation);
            } else {
                more++;
            }
        }

        List<String> list() {
            List<String> all = new ArrayList<>(listed);
            if (more > 0) {
                all.add("… and " + more + " more");
            }
            return all;
        }
    }

    /** The ledger's facts, for the report. */
    static Map<Kind, Long> counts(Ledger ledger) {
        Map<Kind, Long> counts = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            counts.put(k, ledger.count(k));
        }
        return counts;
    }
}
