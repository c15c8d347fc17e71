package io.jixiao.platform.security;

import io.jixiao.contracts.access.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Who reaches which project-year, and what is read from a token's claims. */
class CallerTest {

    private static final String A = "上海市科学技术委员会";
    private static final String B = "上海市普陀区体育局";

    @ParameterizedTest(name = "{0}/{1} with roles {2} reaches {3}/{4}: {5}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // department | unit | role | project department | project unit | reaches
            "上海市科学技术委员会 | -      | poster  | 上海市科学技术委员会 | 上海科技馆 | true",
            "上海市科学技术委员会 | -      | poster  | 上海市普陀区体育局   | 某单位     | false",
            "上海市科学技术委员会 | 上海科技馆 | poster | 上海市科学技术委员会 | 上海科技馆 | true",
            "上海市科学技术委员会 | 上海科技馆 | poster | 上海市科学技术委员会 | 上海天文馆 | false",
            "*                  | -      | viewer  | 上海市普陀区体育局   | 某单位     | true",
            "-                  | -      | viewer  | 上海市普陀区体育局   | 某单位     | false",
            "上海市科学技术委员会 | -      | auditor | 上海市普陀区体育局   | 某单位     | true",
            "上海市科学技术委员会 | -      | admin   | 上海市普陀区体育局   | 某单位     | true"})
    void reachesItsDepartmentAndUnitOnly(String department, String unit, String role, String projectDepartment,
                                         String projectUnit, boolean reaches) {
        Caller caller = new Caller("s", "c", department, unit, Set.of(Role.fromClaim(role).orElseThrow()));
        assertThat(caller.reaches(projectDepartment, projectUnit)).isEqualTo(reaches);
    }

    @Test
    void readsRolesDepartmentUnitAndClientFromTheConfiguredClaims() {
        CallerTokenConverter converter = new CallerTokenConverter(new AccessProperties("roles", "department", "unit", "client_id"));
        Caller caller = converter.caller(jwt(Map.of("sub", "officer-a", "client_id", "dashboard", "department", A, "unit", "上海科技馆",
                "roles", List.of("viewer", "reviewer", "superuser"))));
        assertThat(caller).isEqualTo(new Caller("officer-a", "dashboard", A, "上海科技馆", Set.of(Role.VIEWER, Role.REVIEWER)));
    }

    @Test
    void anotherProvidersClaimNamesAreSettingsAndASpaceSeparatedRoleStringIsRead() {
        CallerTokenConverter converter = new CallerTokenConverter(new AccessProperties("jixiao_roles", "dept", "org_unit", "client_id"));
        Caller caller = converter.caller(jwt(Map.of("sub", "u-1", "azp", "finance-system", "dept", B, "jixiao_roles", "poster viewer")));
        assertThat(caller).isEqualTo(new Caller("u-1", "finance-system", B, null, Set.of(Role.POSTER, Role.VIEWER)));
    }

    @Test
    void aTokenWithoutRolesOrDepartmentGrantsNothing() {
        CallerTokenConverter converter = new CallerTokenConverter(new AccessProperties("roles", "department", "unit", "client_id"));
        Caller caller = converter.caller(jwt(Map.of("sub", "nobody", "department", " ")));
        assertThat(caller.roles()).isEmpty();
        assertThat(caller.department()).isNull();
        assertThat(caller.reaches(A, "x")).isFalse();
        assertThat(converter.convert(jwt(Map.of("sub", "nobody"))).getAuthorities()).isEmpty();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("t").header("alg", "RS256").claims(all -> all.putAll(claims))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }
}
