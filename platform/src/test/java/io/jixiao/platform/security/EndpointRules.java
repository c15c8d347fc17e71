package io.jixiao.platform.security;

import io.jixiao.contracts.access.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import io.jixiao.testing.TestIssuer;
import org.springframework.context.ApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test support for every service's endpoint rules: the walk over every handler the service has (none may lack an
 * {@link Allowed} rule), and the role table written out in the test (which roles may call each endpoint), checked by
 * calling each endpoint with a real token of each role alone.
 */
public final class EndpointRules {

    private EndpointRules() {
    }

    /** One row of a role table: an endpoint as the service maps it, a path to call it with, and who may. */
    public record Row(String method, String pattern, String path, String body, Set<Role> allowed) {
        public static Row of(String method, String pattern, String path, String body, Role... allowed) {
            return new Row(method, pattern, path, body, allowed.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(allowed[0], allowed));
        }

        String endpoint() {
            return method + " " + pattern;
        }
    }

    /** Every application endpoint of the service ("METHOD /pattern"), framework handlers left out. */
    public static Set<String> endpoints(ApplicationContext context) {
        Set<String> endpoints = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : handlers(context).entrySet()) {
            if (EndpointAccess.isFrameworkHandler(handler.getValue())) {
                continue;
            }
            for (String pattern : handler.getKey().getPatternValues()) {
                handler.getKey().getMethodsCondition().getMethods()
                        .forEach(method -> endpoints.add(method.name() + " " + pattern));
            }
        }
        return endpoints;
    }

    /** The endpoints whose handler has no {@link Allowed} rule: must be none. */
    public static List<String> withoutRule(ApplicationContext context) {
        List<String> missing = new ArrayList<>();
        handlers(context).forEach((info, method) -> {
            if (!EndpointAccess.isFrameworkHandler(method) && method.getMethodAnnotation(Allowed.class) == null) {
                missing.add(info + " -> " + method);
            }
        });
        return missing;
    }

    private static Map<RequestMappingInfo, HandlerMethod> handlers(ApplicationContext context) {
        return context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods();
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Answer(int status, String body) {
    }

    /**
     * The status once the headers arrive, and the body only of refusals: an allowed call to a stream of server-sent
     * events answers 200 and then never ends, so its body is not waited for.
     */
    private static Answer call(String baseUrl, Row row, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + row.path())).timeout(Duration.ofSeconds(30));
        if (row.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(row.method(), row.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(row.body()));
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                return new Answer(status, status == 401 || status == 403 ? new String(body.readAllBytes(), StandardCharsets.UTF_8) : "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(row.method() + " " + row.path(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The table names every endpoint of the service, and nothing else. */
    public static void assertCoversEveryEndpoint(ApplicationContext context, List<Row> table) {
        assertThat(withoutRule(context)).as("endpoints without an access rule").isEmpty();
        Set<String> named = new TreeSet<>();
        table.forEach(row -> named.add(row.endpoint()));
        assertThat(named).as("the role table lists every endpoint").containsExactlyElementsOf(endpoints(context));
    }

    /**
     * Calls every row's endpoint as each role alone (a real signed token reaching every department): a role not in
     * the row gets 403 {@code role-not-allowed}; a role in it gets past authorization (whatever the call itself then
     * answers: 404 for the unknown project-year the table uses, 400 for an empty body, 200).
     */
    public static void assertRoles(String baseUrl, List<Row> table) {
        for (Row row : table) {
            for (Role role : Role.values()) {
                String token = TestIssuer.instance().token("role-table-" + role.claim(), "*", role.claim());
                Answer answer = call(baseUrl, row, token);
                String what = role.claim() + " " + row.method() + " " + row.path();
                if (row.allowed().contains(role)) {
                    assertThat(answer.status()).as(what + " is allowed").isNotIn(401, 403);
                } else {
                    assertThat(answer.status()).as(what + " is refused").isEqualTo(403);
                    assertThat(answer.body()).as(what).contains("\"code\":\"role-not-allowed\"");
                }
            }
            assertThat(call(baseUrl, row, null).status()).as("no token: " + row.method() + " " + row.path()).isEqualTo(401);
        }
    }
}
