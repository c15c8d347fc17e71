package io.jixiao.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jixiao.contracts.access.AccessClaims;
import io.jixiao.contracts.access.Role;

import java.util.List;

/**
 * One entry of principals.json: a machine client, a person, or the browser app people log in through.
 *
 * @param secret       a client's secret, as a {@code {bcrypt}} hash
 * @param password     a user's password, as a {@code {bcrypt}} hash
 * @param roles        {@link Role#claim()} names
 * @param department   a 主管部门, or {@link AccessClaims#ALL_DEPARTMENTS}
 * @param unit         the 实施单位 the principal is narrowed to; absent for the whole department
 * @param redirectUris a public client's redirect URIs
 * @param scopes       a public client's scopes
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Principal(
        String id,
        Kind kind,
        String secret,
        String password,
        List<String> roles,
        String department,
        String unit,
        List<String> redirectUris,
        List<String> scopes) {

    public enum Kind {
        /** a machine, using client_credentials */
        @JsonProperty("client") CLIENT,
        /** a person, logging in on the login page */
        @JsonProperty("user") USER,
        /** a browser app, using authorization_code with PKCE and no secret */
        @JsonProperty("public-client") PUBLIC_CLIENT
    }

    private static final String HASHED = "{bcrypt}";

    public Principal {
        roles = roles == null ? List.of() : List.copyOf(roles);
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    static Principal client(String id, String secretHash, List<String> roles, String department) {
        return new Principal(id, Kind.CLIENT, secretHash, null, roles, department, null, null, null);
    }

    static Principal user(String id, String passwordHash, List<String> roles, String department) {
        return new Principal(id, Kind.USER, null, passwordHash, roles, department, null, null, null);
    }

    static Principal publicClient(String id, List<String> redirectUris, List<String> scopes) {
        return new Principal(id, Kind.PUBLIC_CLIENT, null, null, null, null, null, redirectUris, scopes);
    }

    /** Refuses an entry the server could not use safely; the messages never quote a secret. */
    void check() {
        if (id == null || id.isBlank() || kind == null) {
            throw new IllegalStateException("principals.json: every entry needs an id and a kind");
        }
        String where = "principals.json entry " + id + ": ";
        switch (kind) {
            case CLIENT -> requireHash(secret, where + "secret", password);
            case USER -> requireHash(password, where + "password", secret);
            case PUBLIC_CLIENT -> {
                if (secret != null || password != null || redirectUris.isEmpty()) {
                    throw new IllegalStateException(where + "a public-client has redirectUris and no secret");
                }
            }
        }
        if (kind != Kind.PUBLIC_CLIENT) {
            if (department == null || department.isBlank()) {
                throw new IllegalStateException(where + "department is missing (a 主管部门 or \"*\")");
            }
            roles.stream().filter(role -> Role.fromClaim(role).isEmpty()).findFirst().ifPresent(role -> {
                throw new IllegalStateException(where + "unknown role " + role);
            });
        }
    }

    private static void requireHash(String value, String what, String other) {
        if (value == null || !value.startsWith(HASHED) || other != null) {
            throw new IllegalStateException(what + " must be a " + HASHED + " hash (and the only credential)");
        }
    }
}
