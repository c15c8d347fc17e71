package io.jixiao.deploy;

import io.jixiao.contracts.access.ClientCredentials;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a stack's tokens come from, and the secrets of the clients the stack itself acts as.
 *
 * <p>By default the stack runs the embedded auth-server ({@link Service#AUTH_SERVER}): every service is told its
 * issuer and token endpoint ({@code JIXIAO_ISSUER_URI}, {@code JIXIAO_TOKEN_URI}), and budget-service and
 * indicator-service, which call other services, get their own client's secret ({@code JIXIAO_CLIENT_SECRET}) from
 * the {@code credentials.json} the auth-server writes on its first start ({@code <var>/credentials.json}).
 *
 * <p>With {@code JIXIAO_ISSUER_URI} set (or {@code ./run --no-auth-server}, which sets it to
 * {@value #DEFAULT_ISSUER} unless it is set), that issuer is external: no auth-server is started, the services read
 * {@code JIXIAO_ISSUER_URI} and {@code JIXIAO_TOKEN_URI} from the environment themselves, and the secrets come from
 * {@code BUDGET_CLIENT_SECRET} and {@code INDICATOR_CLIENT_SECRET} (client ids {@code BUDGET_CLIENT_ID},
 * {@code INDICATOR_CLIENT_ID}, by default the module names), the seed load's from {@code SEED_CLIENT_SECRET}
 * ({@code SEED_CLIENT_ID}, default {@code seed-loader}), else from {@code <var>/credentials.json} when it is there
 * (an auth-server started by hand on the same var directory). Those variables also override the file's secrets
 * with the embedded auth-server.
 *
 * @param issuer          the issuer every service checks tokens against
 * @param tokenUri        its token endpoint
 * @param embedded        true when it is the auth-server this stack runs
 * @param credentialsFile where the embedded auth-server writes its demo principals' secrets
 * @param environment     the stack's environment, for the variables above
 */
record Identity(URI issuer, URI tokenUri, boolean embedded, Path credentialsFile, Map<String, String> environment) {

    static final String ISSUER_VARIABLE = "JIXIAO_ISSUER_URI";
    static final String TOKEN_URI_VARIABLE = "JIXIAO_TOKEN_URI";
    /** Where the services look for the issuer when nothing names it: the auth-server's default port. */
    static final String DEFAULT_ISSUER = "http://127.0.0.1:9000";
    /** The seed load's client: budget-editor, indicator-editor and reviewer of every department. */
    static final String SEED_CLIENT = "seed-loader";
    /** The services that call other services, each as its own client. */
    static final List<Service> CALLING_SERVICES = List.of(Service.BUDGET, Service.INDICATOR);

    Identity {
        environment = Map.copyOf(environment);
    }

    /** True when {@code JIXIAO_ISSUER_URI} names an issuer (then no auth-server is started). */
    static boolean external(Map<String, String> env) {
        String issuer = env.get(ISSUER_VARIABLE);
        return issuer != null && !issuer.isBlank();
    }

    /** The embedded auth-server at {@code url}, its secrets file in {@code varDir}. */
    static Identity embedded(URI url, Path varDir, Map<String, String> env) {
        URI issuer = URI.create(stripSlash(url.toString()));
        return new Identity(issuer, URI.create(issuer + "/oauth2/token"), true, varDir.resolve("credentials.json"), env);
    }

    /** The issuer the environment names; its token endpoint is {@code JIXIAO_TOKEN_URI}, else {@code <issuer>/oauth2/token}. */
    static Identity external(Path varDir, Map<String, String> env) {
        URI issuer = URI.create(stripSlash(env.get(ISSUER_VARIABLE).strip()));
        String token = env.get(TOKEN_URI_VARIABLE);
        return new Identity(issuer, token == null || token.isBlank() ? URI.create(issuer + "/oauth2/token") : URI.create(token.strip()),
                false, varDir.resolve("credentials.json"), env);
    }

    /** The client id a calling service authenticates as: {@code <PREFIX>_CLIENT_ID}, else its module name. */
    String clientId(Service service) {
        String id = environment.get(service.envPrefix() + "_CLIENT_ID");
        return id == null || id.isBlank() ? service.module() : id.strip();
    }

    /**
     * The secret of each calling service among {@code services}: {@code <PREFIX>_CLIENT_SECRET}, else (embedded) its
     * client's in {@code credentials.json}.
     *
     * @throws IllegalStateException when one cannot be found; the message says where it was looked for
     */
    Map<Service, String> serviceSecrets(java.util.Set<Service> services) {
        Map<Service, String> secrets = new EnumMap<>(Service.class);
        for (Service service : CALLING_SERVICES) {
            if (services.contains(service)) {
                secrets.put(service, secret(service.envPrefix(), clientId(service)));
            }
        }
        return secrets;
    }

    /** The seed load's token source: {@code seed-loader} (or {@code SEED_CLIENT_ID}). */
    ClientCredentials seedLoader() {
        String id = environment.get("SEED_CLIENT_ID");
        String client = id == null || id.isBlank() ? SEED_CLIENT : id.strip();
        return new ClientCredentials(tokenUri, client, secret("SEED", client));
    }

    /** A client's token source with its secret from {@code credentials.json}; for tests and tools. */
    ClientCredentials client(String clientId) {
        return ClientCredentials.fromFile(tokenUri, credentialsFile, clientId);
    }

    private String secret(String prefix, String clientId) {
        String variable = prefix + "_CLIENT_SECRET";
        String fromEnv = environment.get(variable);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        if (!Files.isRegularFile(credentialsFile)) {
            throw new IllegalStateException("no secret for client " + clientId + ": " + (embedded
                    ? credentialsFile + " is missing (the auth-server writes it only on its first start, with principals.json); set "
                    + variable + ", or delete " + credentialsFile.resolveSibling("auth-server").resolve("principals.json")
                    + " to have new secrets generated for every demo principal"
                    : "with the issuer " + issuer + " set " + variable + " (or have " + credentialsFile + ")"));
        }
        try {
            return ClientCredentials.secretOf(credentialsFile, clientId);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("no secret for client " + clientId + ": " + e.getMessage() + "; set " + variable);
        }
    }

    /** The variables a service (or the auth-server itself) is given for tokens. */
    void putInto(Map<String, String> env, Service service, Optional<String> secret, Path authHome) {
        if (service == Service.AUTH_SERVER) {
            env.put("JIXIAO_AUTH_HOME", authHome.toString());
            env.put("JIXIAO_AUTH_ISSUER", issuer.toString());
            return;
        }
        if (embedded) {
            env.put(ISSUER_VARIABLE, issuer.toString());
            env.put(TOKEN_URI_VARIABLE, tokenUri.toString());
        }
        if (CALLING_SERVICES.contains(service)) {
            env.put("JIXIAO_CLIENT_ID", clientId(service));
            secret.ifPresent(s -> env.put("JIXIAO_CLIENT_SECRET", s));
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        // the environment may hold secrets
        return "Identity[issuer=" + issuer + ", tokenUri=" + tokenUri + ", embedded=" + embedded + "]";
    }
}
