package io.jixiao.deploy;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Where one service's database is: the embedded PostgreSQL this launcher runs, or an external one named by
 * {@code <PREFIX>_DB_URL}, {@code _USER} and {@code _PASSWORD} in the environment.
 *
 * @param url      JDBC URL
 * @param user     null when external and unset: the service's own default then applies
 * @param password null when external and unset
 * @param external true when the environment named it; its values are then passed through unchanged
 */
public record DatabaseTarget(String url, String user, String password, boolean external) {

    /** The superuser of the embedded cluster; it is reachable on loopback only, with trust authentication. */
    static final String EMBEDDED_USER = "postgres";

    /**
     * One target per service that has a database. A service whose {@code <PREFIX>_DB_URL} is set and non-blank is
     * external; the others use {@code embeddedUrl.apply(database)}.
     */
    static Map<Service, DatabaseTarget> resolve(Map<String, String> env, Collection<Service> services,
                                                Function<String, String> embeddedUrl) {
        Map<Service, DatabaseTarget> targets = new EnumMap<>(Service.class);
        for (Service service : services) {
            service.database().ifPresent(database -> {
                String prefix = service.envPrefix();
                String url = env.get(prefix + "_DB_URL");
                targets.put(service, url != null && !url.isBlank()
                        ? new DatabaseTarget(url, env.get(prefix + "_DB_USER"), env.get(prefix + "_DB_PASSWORD"), true)
                        : new DatabaseTarget(embeddedUrl.apply(database), EMBEDDED_USER, "", false));
            });
        }
        return targets;
    }

    /** True when at least one of these services needs the embedded PostgreSQL. */
    static boolean embeddedNeeded(Map<String, String> env, Collection<Service> services) {
        return resolve(env, services, db -> "").values().stream().anyMatch(t -> !t.external());
    }

    /** The variables the service reads; external values are copied as they were, unset ones stay unset. */
    void putInto(Map<String, String> serviceEnv, Service service) {
        String prefix = service.envPrefix();
        serviceEnv.put(prefix + "_DB_URL", url);
        if (user != null) {
            serviceEnv.put(prefix + "_DB_USER", user);
        }
        if (password != null) {
            serviceEnv.put(prefix + "_DB_PASSWORD", password);
        }
    }

    @Override
    public String toString() {
        // never print the password
        return "DatabaseTarget[url=" + url + ", user=" + user + ", external=" + external + "]";
    }
}
