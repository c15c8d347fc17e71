package io.jixiao.deploy;

import io.jixiao.deploy.Stack.Running;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/** What a stack reports about itself: the memory of its processes, and the table printed once everything is up. */
final class StackReport {

    private final Path varDir;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final ServiceProcesses services;

    StackReport(Path varDir, PostgresServer postgres, KafkaBroker kafka, ServiceProcesses services) {
        this.varDir = varDir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.services = services;
    }

    /**
     * Resident memory per process in kB, from {@code /proc}: each service, Kafka, the postmaster, and PostgreSQL
     * with all its backends as PSS (its shared buffers would otherwise count once per backend) and as private memory.
     * The PSS row is the one to add up.
     */
    Map<String, Long> residentSetKb() {
        Map<String, Long> rss = new LinkedHashMap<>();
        postgres.postmaster().ifPresent(p -> {
            rss.put(Stack.POSTGRES_POSTMASTER, Processes.residentSetKb(p.pid()).orElse(0));
            rss.put(Stack.POSTGRES_PSS, Processes.proportionalSetKbWithDescendants(p));
            rss.put(Stack.POSTGRES_PRIVATE, Processes.privateKbWithDescendants(p));
        });
        kafka.process().ifPresent(k -> Processes.residentSetKb(k.pid()).ifPresent(kb -> rss.put("kafka", kb)));
        services.running().forEach((service, running) -> {
            OptionalLong kb = Processes.residentSetKb(running.process().pid());
            kb.ifPresent(v -> rss.put(service.module(), v));
        });
        services.extraInstances().forEach((name, running) ->
                Processes.residentSetKb(running.process().pid()).ifPresent(kb -> rss.put(name, kb)));
        return rss;
    }

    /** The table printed once everything is up. */
    String describe(Duration startupTime, Map<Service, DatabaseTarget> databases) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nStack up in %s s (PostgreSQL %s s, Kafka %s s)%n",
                seconds(startupTime), seconds(postgres.startupTime()), seconds(kafka.startupTime())));
        Map<String, Long> rss = residentSetKb();
        for (Service service : List.of(Service.GATEWAY, Service.BUDGET, Service.INDICATOR, Service.SCORING, Service.AUTH_SERVER)) {
            Running r = services.running().get(service);
            if (r != null) {
                out.append(String.format(Locale.ROOT, "  %-18s %-28s pid %-7d %4d MB  log %s%n", service.module(),
                        r.url(), r.process().pid(), rss.getOrDefault(service.module(), 0L) / 1024, r.log()));
            }
            new java.util.TreeMap<>(services.extraInstances()).forEach((name, more) -> {
                if (more.service() == service) {
                    out.append(String.format(Locale.ROOT, "  %-18s %-28s pid %-7d %4d MB  log %s%n", name, more.url(),
                            more.process().pid(), rss.getOrDefault(name, 0L) / 1024, more.log()));
                }
            });
        }
        databases.forEach((service, db) -> out.append(String.format(Locale.ROOT, "  %-18s %s%s%n",
                "PostgreSQL", db.url(), db.external() ? "  (external)" : "  (user postgres)")));
        kafka.process().ifPresent(k -> out.append(String.format(Locale.ROOT, "  %-18s %-28s pid %-7d %4d MB  log %s%n",
                "Kafka", kafka.bootstrapServers(), k.pid(), rss.getOrDefault("kafka", 0L) / 1024, kafka.log())));
        rss.forEach((name, kb) -> {
            if (name.equals(Stack.POSTGRES_PSS)) {
                out.append(String.format(Locale.ROOT, "  %-18s %s: %d MB%n", "", name, kb / 1024));
            }
        });
        out.append("  data in ").append(varDir).append(System.lineSeparator());
        services.identity().ifPresent(identity -> out.append(tokens(identity, services.running().get(Service.GATEWAY))));
        return out.toString();
    }

    /** Where the demo secrets are and how to get a token; never a secret itself. */
    static String tokens(Identity identity, Running gateway) {
        String n = System.lineSeparator();
        StringBuilder out = new StringBuilder(n);
        if (!identity.embedded()) {
            out.append("Tokens: from the external issuer ").append(identity.issuer()).append(" (JIXIAO_ISSUER_URI), token endpoint ")
                    .append(identity.tokenUri()).append(n);
            return out.toString();
        }
        String api = gateway == null ? "http://127.0.0.1:8080" : gateway.url().toString();
        out.append("The dashboard: ").append(api.replaceAll("/$", "")).append("/ (log in as officer-a or bureau, passwords in ")
                .append(identity.credentialsFile().getFileName()).append(")").append(n)
                .append("Every call but /actuator/health, /actuator/info, /actuator/prometheus and /v3/api-docs needs a bearer token.").append(n)
                .append("  demo clients and users, with their secrets: ").append(identity.credentialsFile())
                .append(" (owner-only; written on the first start)").append(n)
                .append("  a token (client_credentials; e.g. finance-system-a posts payments of 上海市科学技术委员会):").append(n)
                .append("    curl -u finance-system-a:<secret from credentials.json> -d grant_type=client_credentials ")
                .append(identity.tokenUri()).append(n)
                .append("    curl -H 'Authorization: Bearer <access_token>' ").append(api).append("/api/budget/projects?fiscalYear=2023").append(n);
        return out.toString();
    }

    /** A duration in seconds with one decimal, e.g. {@code 41.7}. */
    static String seconds(Duration d) {
        return d == null ? "0.0" : java.math.BigDecimal.valueOf(d.toMillis(), 3).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
