package io.jixiao.auth;

import io.jixiao.auth.Principals.Credential;
import io.jixiao.auth.Principals.Credentials;
import io.jixiao.contracts.access.Role;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static io.jixiao.contracts.access.AccessClaims.ALL_DEPARTMENTS;
import static io.jixiao.contracts.access.Role.ADMIN;
import static io.jixiao.contracts.access.Role.AUDITOR;
import static io.jixiao.contracts.access.Role.BUDGET_EDITOR;
import static io.jixiao.contracts.access.Role.INDICATOR_EDITOR;
import static io.jixiao.contracts.access.Role.POSTER;
import static io.jixiao.contracts.access.Role.REVIEWER;
import static io.jixiao.contracts.access.Role.VIEWER;

/** The principals a first start writes, each with a fresh random secret: nothing guessable ships. */
record DemoPrincipals(List<Principal> principals, Credentials credentials) {

    /** The 主管部门 of the first seed form (forms-2023.json). */
    static final String DEPT_A = "上海市科学技术委员会";
    /** Another seed department (published/putuo-sports-*.json). */
    static final String DEPT_B = "上海市普陀区体育局";

    /** Where the gateway's login (registration {@code jixiao}) comes back to, under each origin of the dashboard. */
    static List<String> dashboardRedirectUris(List<String> origins) {
        return origins.stream().map(origin -> origin.replaceAll("/+$", "") + "/login/oauth2/code/jixiao").toList();
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    static DemoPrincipals generate(PasswordEncoder encoder, List<String> dashboardOrigins) {
        var principals = new ArrayList<Principal>();
        var clients = new ArrayList<Credential>();
        var users = new ArrayList<Credential>();
        class Add {
            void client(String id, String department, Role... roles) {
                String secret = randomSecret();
                principals.add(Principal.client(id, encoder.encode(secret), claims(roles), department));
                clients.add(new Credential(id, secret, null, claims(roles), department, null));
            }

            void user(String id, String department, Role... roles) {
                String password = randomSecret();
                principals.add(Principal.user(id, encoder.encode(password), claims(roles), department));
                users.add(new Credential(id, null, password, claims(roles), department, null));
            }
        }
        var add = new Add();
        add.client("seed-loader", ALL_DEPARTMENTS, BUDGET_EDITOR, POSTER, INDICATOR_EDITOR, REVIEWER);
        add.client("finance-system-a", DEPT_A, POSTER);
        add.client("finance-system-b", DEPT_B, POSTER);
        add.client("bench", ALL_DEPARTMENTS, POSTER, BUDGET_EDITOR, INDICATOR_EDITOR);
        add.client("budget-service", ALL_DEPARTMENTS, VIEWER);
        add.client("indicator-service", ALL_DEPARTMENTS, VIEWER);
        add.client("auditor-client", ALL_DEPARTMENTS, AUDITOR);
        add.client("admin-client", ALL_DEPARTMENTS, ADMIN);
        add.user("officer-a", DEPT_A, VIEWER);
        add.user("editor-a", DEPT_A, BUDGET_EDITOR, INDICATOR_EDITOR);
        add.user("reviewer-a", DEPT_A, REVIEWER);
        add.user("bureau", ALL_DEPARTMENTS, VIEWER);
        add.user("auditor", ALL_DEPARTMENTS, AUDITOR);
        add.user("admin", ALL_DEPARTMENTS, ADMIN);
        principals.add(Principal.publicClient("dashboard", dashboardRedirectUris(dashboardOrigins), List.of("openid", "profile")));
        return new DemoPrincipals(principals, new Credentials(clients, users));
    }

    /** 18 random bytes: 24 URL-safe characters, safe in a Basic header and a form body alike. */
    static String randomSecret() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static List<String> claims(Role... roles) {
        return Arrays.stream(roles).map(Role::claim).toList();
    }
}
