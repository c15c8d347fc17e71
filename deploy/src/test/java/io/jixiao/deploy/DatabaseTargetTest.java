package io.jixiao.deploy;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTargetTest {

    private static final String EXTERNAL = "jdbc:postgresql://db.internal:5432/budget?sslmode=require";

    @Test
    void usesTheEmbeddedPostgresWhenNothingIsSet() {
        Map<Service, DatabaseTarget> targets = DatabaseTarget.resolve(Map.of(), EnumSet.allOf(Service.class),
                db -> "jdbc:postgresql://127.0.0.1:15432/" + db);

        assertThat(targets).containsOnlyKeys(Service.BUDGET, Service.INDICATOR, Service.SCORING);
        assertThat(targets.get(Service.SCORING))
                .isEqualTo(new DatabaseTarget("jdbc:postgresql://127.0.0.1:15432/scoring", "postgres", "", false));
        assertThat(DatabaseTarget.embeddedNeeded(Map.of(), EnumSet.allOf(Service.class))).isTrue();
    }

    @Test
    void passesAnExternalDatabaseThroughUnchanged() {
        Map<String, String> env = Map.of("BUDGET_DB_URL", EXTERNAL, "BUDGET_DB_USER", "budget", "BUDGET_DB_PASSWORD", "s3cret");

        Map<Service, DatabaseTarget> targets = DatabaseTarget.resolve(env, EnumSet.allOf(Service.class), db -> "embedded/" + db);

        assertThat(targets.get(Service.BUDGET)).isEqualTo(new DatabaseTarget(EXTERNAL, "budget", "s3cret", true));
        assertThat(targets.get(Service.INDICATOR).external()).isFalse();
        Map<String, String> serviceEnv = new HashMap<>();
        targets.get(Service.BUDGET).putInto(serviceEnv, Service.BUDGET);
        assertThat(serviceEnv).containsExactlyInAnyOrderEntriesOf(env);
    }

    @Test
    void leavesUnsetCredentialsUnsetForAnExternalDatabase() {
        DatabaseTarget target = DatabaseTarget.resolve(Map.of("SCORING_DB_URL", EXTERNAL), List.of(Service.SCORING), db -> "x")
                .get(Service.SCORING);

        Map<String, String> serviceEnv = new HashMap<>();
        target.putInto(serviceEnv, Service.SCORING);
        assertThat(serviceEnv).containsOnlyKeys("SCORING_DB_URL");
    }

    @Test
    void needsNoEmbeddedPostgresWhenEveryDatabaseIsExternal() {
        Map<String, String> env = Map.of("BUDGET_DB_URL", EXTERNAL, "INDICATOR_DB_URL", EXTERNAL, "SCORING_DB_URL", EXTERNAL);

        assertThat(DatabaseTarget.embeddedNeeded(env, EnumSet.allOf(Service.class))).isFalse();
        assertThat(DatabaseTarget.embeddedNeeded(Map.of("BUDGET_DB_URL", EXTERNAL), List.of(Service.BUDGET, Service.GATEWAY))).isFalse();
        assertThat(DatabaseTarget.embeddedNeeded(Map.of("BUDGET_DB_URL", " "), List.of(Service.BUDGET))).isTrue();
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(new DatabaseTarget(EXTERNAL, "u", "s3cret", true).toString()).doesNotContain("s3cret");
    }
}
