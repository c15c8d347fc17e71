package io.jixiao.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded PostgreSQL of a stack, data kept in {@code <var>/postgres} with durable commits, and the service
 * databases in it.
 */
final class PostgresServer {

    private final StackConfig config;
    private final Path varDir;
    private final Path logDir;
    private final ChildProcesses children;

    private EmbeddedPostgres postgres;
    private int postgresPort;
    private boolean freshPostgres;
    private Duration postgresTime = Duration.ZERO;

    PostgresServer(StackConfig config, Path varDir, Path logDir, ChildProcesses children) {
        this.config = config;
        this.varDir = varDir;
        this.logDir = logDir;
        this.children = children;
    }

    /** Starts it and creates the embedded databases of {@code owners} that are missing. */
    void start(Set<Service> owners) {
        long t0 = System.nanoTime();
        postgresPort = config.postgresPort() == 0 ? Processes.freePort() : config.postgresPort();
        ChildProcesses.requireFree("PostgreSQL", postgresPort);
        Path log = logDir.resolve("postgres.log");
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        freshPostgres = !Files.exists(varDir.resolve("postgres").resolve("PG_VERSION"));
        launch(toLog, log);
        DatabaseTarget.resolve(config.environment(), owners, db -> db).forEach((service, target) -> {
            if (!target.external()) {
                createDatabaseIfMissing(service.database().orElseThrow());
            }
        });
        postgresTime = Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Starts the postmaster on {@link #postgresPort} over the data directory (initialised when new). */
    private void launch(ProcessBuilder.Redirect toLog, Path log) {
        children.startWhileOpen(() -> {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(varDir.resolve("postgres"))
                        .setCleanDataDirectory(false)
                        .setPort(postgresPort)
                        // zonky's defaults trade durability for speed (it passes -F, i.e. fsync off, and
                        // synchronous_commit=off): a committed payment must survive a crash, so turn it all back on
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("max_connections", "100")
                        // per-statement counts and times for operators and the benchmark (bench/README.md)
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setLocaleConfig("locale", "C")
                        // binaries per OS user: a tree unpacked by root is not executable by anyone else
                        .setOverrideWorkingDirectory(Path.of(System.getProperty("java.io.tmpdir"),
                                "embedded-pg-" + System.getProperty("user.name")).toFile())
                        // crash recovery after an unclean stop may take longer than zonky's 10 s
                        .setPGStartupWait(Duration.ofSeconds(60))
                        // our own hook stops the services first, then Kafka, then PostgreSQL
                        .setRegisterShutdownHook(false)
                        .setOutputRedirector(toLog)
                        .setErrorRedirector(toLog)
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("PostgreSQL did not start; see " + log + "\n" + Processes.tail(log, 30), e);
            }
            postmaster().ifPresent(p -> children.add("postgres", p));
        });
    }

    /**
     * Starts the postmaster that exited again, on the same port and data directory (crash recovery replays its
     * write-ahead log), for the {@link Supervisor}. The previous {@code EmbeddedPostgres} is closed first: its
     * postmaster is gone (its stop finds no server), and closing it releases its lock on the data directory, which
     * the new one takes.
     */
    Supervisor.Started restart() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL was never started");
        }
        try {
            // pg_ctl stop finds no server, and zonky's close then throws; it has marked itself closed, which is all
            // that is needed of it (the new instance starts over the same directory: SupervisionEndToEndTest)
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // nothing left to stop
        }
        Path log = logDir.resolve("postgres.log");
        launch(ProcessBuilder.Redirect.appendTo(log.toFile()), log);
        return Supervisor.Started.of(postmaster().orElseThrow(() -> new IllegalStateException("no postmaster.pid after the restart")));
    }

    private void createDatabaseIfMissing(String database) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), DatabaseTarget.EMBEDDED_USER, "");
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = c.createStatement()) {
                        // the name comes from the Service enum, never from input
                        create.execute("create database \"" + database + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }

    /** True once it started (and until the stack stops). */
    boolean started() {
        return postgres != null;
    }

    /** True when this very start initialised the data directory. */
    boolean fresh() {
        return freshPostgres;
    }

    /** How long the start took, databases included; zero when it did not run. */
    Duration startupTime() {
        return postgresTime;
    }

    /** The postmaster, from the first line of {@code postmaster.pid}; pg_ctl detaches it from this JVM. */
    Optional<ProcessHandle> postmaster() {
        try {
            List<String> lines = Files.readAllLines(varDir.resolve("postgres").resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops it, when it started. */
    void stop() {
        if (postgres != null) {
            Optional<ProcessHandle> postmaster = postmaster();
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            // pg_ctl gives up waiting after 5 s (crash recovery after a restart may still be running): the
            // postmaster is stopped either way, it never outlives the stack
            postmaster.filter(ProcessHandle::isAlive).ifPresent(p -> Processes.stop(List.of(p), Duration.ofSeconds(30)));
        }
    }
}
