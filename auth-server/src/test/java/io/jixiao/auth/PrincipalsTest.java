package io.jixiao.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrincipalsTest {

    @Test
    void refusesAPlaintextSecretWithoutQuotingIt() {
        var plaintext = Principal.client("finance-system-a", "hunter2-plain", List.of("poster"), "*");
        assertThatThrownBy(() -> new Principals(List.of(plaintext)))
                .hasMessageContaining("{bcrypt}")
                .hasMessageNotContaining("hunter2-plain");
    }

    @Test
    void refusesAnUnknownRoleAMissingDepartmentAndATwiceUsedId() {
        String hash = "{bcrypt}$2a$10$abcdefghijklmnopqrstuv";
        assertThatThrownBy(() -> new Principals(List.of(Principal.user("u", hash, List.of("superuser"), "*"))))
                .hasMessageContaining("unknown role superuser");
        assertThatThrownBy(() -> new Principals(List.of(Principal.user("u", hash, List.of("viewer"), null))))
                .hasMessageContaining("department");
        var twice = List.of(Principal.user("u", hash, List.of(), "*"), Principal.client("u", hash, List.of(), "*"));
        assertThatThrownBy(() -> new Principals(twice)).hasMessageContaining("twice");
    }

    @Test
    void readsAFileWithAUnit() {
        String json = """
                {"principals": [{"id": "unit-user", "kind": "user", "password": "{bcrypt}$2a$10$x",
                  "roles": ["indicator-editor"], "department": "上海市科学技术委员会", "unit": "上海科技馆"}]}""";
        Principals principals = new Principals(Principals.JSON.readValue(json, Principals.File.class).principals());
        assertThat(principals.find(Principal.Kind.USER, "unit-user")).get()
                .extracting(Principal::unit).isEqualTo("上海科技馆");
        assertThat(principals.find(Principal.Kind.CLIENT, "unit-user")).isEmpty();
    }
}
