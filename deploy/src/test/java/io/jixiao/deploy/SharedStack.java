package io.jixiao.deploy;

import io.jixiao.contracts.access.ClientCredentials;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.util.ArrayList;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.DriverManager;
import java.sql.Connection;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * One whole stack, started the way {@code ./run} starts it (free ports, data in a temporary directory, no seed), for
 * every end-to-end test class of the test JVM: the first class annotated {@code @ExtendWith(SharedStack.class)}
 * starts it, and it stops when JUnit has run them all (it is kept in the root context's store, which closes it).
 * Each class registers its own project-years, so they do not see each other's.
 *
 * <p>Needs the executable jars of the services and the auth-server: in the reactor build they are packaged before
 * this module. Without them the classes are skipped, except on CI ({@code CI} set), where they fail.
 */
final class SharedStack implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);
    private static volatile Running running;

    /** The stack and its data directory; closing it stops the stack and removes the directory. */
    private record Running(Stack stack, Path var) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                stack.close();
            } finally {
                running = null;
                deleteTree(var);
            }
        }
    }

    private static final Map<String, ClientCredentials> CLIENTS = new ConcurrentHashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        Path root = EndToEndTest.repositoryRoot();
        List<String> missing = Arrays.stream(Service.values()).filter(s -> s.findJar(root).isEmpty())
                .map(Service::module).toList();
        if (!missing.isEmpty()) {
            String message = "no executable jar for " + missing + ": build them first (./mvnw -DskipTests package)";
            if (System.getenv("CI") != null) {
                fail(message);
            }
            assumeThat(missing).as(message).isEmpty();
        }
        running = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, key -> {
            try {
                Path var = Files.createTempDirectory("jixiao-e2e-");
                Stack stack = Stack.start(StackConfig.forTest(root, var));
                System.out.print(stack.describe());
                return new Running(stack, var);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Running.class);
    }

    /** The running stack; only after this extension's {@code beforeAll}. */
    static Stack stack() {
        Running r = running;
        if (r == null) {
            throw new IllegalStateException("no shared stack: annotate the class with @ExtendWith(SharedStack.class)");
        }
        return r.stack();
    }

    /** A demo client's token source (one per client id, so its token is fetched once and reused). */
    static ClientCredentials client(String clientId) {
        return CLIENTS.computeIfAbsent(stack().tokenUri() + " " + clientId, k -> stack().client(clientId));
    }

    /** {@code Bearer <token>} of a demo client. */
    static String bearer(String clientId) {
        return client(clientId).authorization();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The first column of a query's rows, in a database of the shared stack. */
    static List<String> column(Service service, String sql, String... parameters) throws SQLException {
        DatabaseTarget db = stack().database(service);
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }
}
