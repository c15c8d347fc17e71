package io.jixiao.deploy;

import io.jixiao.contracts.access.ClientCredentials;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

/** The bundled seed forms, loaded through the gateway as demo data on a fresh start, as client {@code seed-loader}. */
final class SeedLoad {

    /** The 2023 forms of 上海科技馆, bundled: the repository needs nothing outside itself at run time. */
    static final String SEED_RESOURCE = io.jixiao.seed.Seed.FORMS_2023;

    private SeedLoad() {
    }

    /**
     * Loads the bundled seed forms as demo data through the gateway, when PostgreSQL was initialised by this very
     * start or the budget database holds no project-year yet. An import that goes wrong is reported, never fatal:
     * the stack stays up, and the import (idempotent) can be run again by hand.
     *
     * @param services      the services started; all of budget-service, indicator-service and the gateway are needed
     * @param freshPostgres true when the embedded PostgreSQL was initialised by this start
     * @param gatewayUrl    asked only when the seed is loaded
     * @param seedLoader    the client the import runs as (its token on every call); asked only when the seed is loaded
     */
    static void loadSeedIfEmpty(Set<Service> services, Map<Service, DatabaseTarget> databases, boolean freshPostgres,
                                Supplier<URI> gatewayUrl, Supplier<ClientCredentials> seedLoader, PrintStream out) {
        if (!services.containsAll(EnumSet.of(Service.BUDGET, Service.INDICATOR, Service.GATEWAY))) {
            return;
        }
        DatabaseTarget budget = databases.get(Service.BUDGET);
        if (!(freshPostgres && !budget.external())) {
            OptionalLong count = projectYears(budget);
            if (count.isEmpty() || count.getAsLong() > 0) {
                return; // data of its own already, or the database cannot be asked (said why)
            }
        }
        try (var seed = SeedLoad.class.getResourceAsStream(SEED_RESOURCE)) {
            if (seed == null) {
                System.err.println("seed data not loaded: " + SEED_RESOURCE + " is missing from the class path");
                return;
            }
            ClientCredentials client = seedLoader.get();
            out.println("loading the 2023 seed forms of 上海科技馆 as demo data, as client " + client.clientId()
                    + " (./run --no-seed skips it) ...");
            io.jixiao.importer.Report report = io.jixiao.importer.FormImport.run(gatewayUrl.get(), client::token, seed,
                    result -> out.println("  " + result.line().replace(System.lineSeparator(), System.lineSeparator() + "  ")));
            if (!report.ok()) {
                System.err.println("the seed data was not loaded completely (see above); the stack runs on");
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("seed data not loaded: " + e.getMessage());
        }
    }

    /** How many project-years budget-service has registered; empty (and a message) when it cannot be asked. */
    private static OptionalLong projectYears(DatabaseTarget budget) {
        Properties credentials = new Properties();
        if (budget.user() != null) {
            credentials.setProperty("user", budget.user());
        }
        if (budget.password() != null) {
            credentials.setProperty("password", budget.password());
        }
        try (Connection c = DriverManager.getConnection(budget.url(), credentials);
             Statement query = c.createStatement();
             ResultSet rs = query.executeQuery("select count(*) from project_year_list")) {
            rs.next();
            return OptionalLong.of(rs.getLong(1));
        } catch (SQLException e) {
            System.err.println("seed data not loaded: could not count the project-years in " + budget.url() + ": " + e.getMessage());
            return OptionalLong.empty();
        }
    }
}
