package io.jixiao.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The processes of the system besides PostgreSQL and Kafka, in start order: the auth-server first, since every
 * service checks tokens against it and two of them call others with its tokens; the gateway last, so that its
 * routes lead somewhere.
 */
public enum Service {
    /** The embedded OAuth2 issuer; started with any service unless {@code JIXIAO_ISSUER_URI} names another. */
    AUTH_SERVER("auth-server", 9000, null, null),
    BUDGET("budget-service", 8081, "budget", "BUDGET"),
    INDICATOR("indicator-service", 8082, "indicator", "INDICATOR"),
    SCORING("scoring-service", 8083, "scoring", "SCORING"),
    GATEWAY("gateway", 8080, null, null);

    private final String module;
    private final int defaultPort;
    private final String database;
    private final String envPrefix;

    Service(String module, int defaultPort, String database, String envPrefix) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
        this.envPrefix = envPrefix;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The database this service owns, if any. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /** {@code BUDGET} for {@code BUDGET_DB_URL} and friends; only for services with a database. */
    String envPrefix() {
        return envPrefix;
    }

    /**
     * The service's executable jar, {@code <root>/<module>/target/<module>-<version>-exec.jar}; the newest when
     * several versions lie there.
     */
    public Optional<Path> findJar(Path root) {
        Path target = root.resolve(module).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().startsWith(module + "-"))
                    .filter(f -> f.getFileName().toString().endsWith("-exec.jar"))
                    .max(Comparator.comparing(f -> f.toFile().lastModified()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Accepts {@code budget}, {@code budget-service} or {@code BUDGET}; {@code auth}, {@code auth-server}. */
    public static Service byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s.module.equals(n) || s.name().toLowerCase(Locale.ROOT).equals(n)
                        || s.module.equals(n + "-service") || s.module.equals(n + "-server"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service " + name + "; known: "
                        + Arrays.stream(values()).map(Service::module).toList()));
    }
}
