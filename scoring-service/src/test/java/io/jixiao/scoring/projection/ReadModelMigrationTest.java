package io.jixiao.scoring.projection;

import io.jixiao.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** V2 on a read model that V1 already filled: existing figures keep their meaning and the new invariants hold. */
class ReadModelMigrationTest {

    @Test
    void upgradesAV1ReadModelWithoutChangingItsFigures() {
        DataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
                TestPostgres.jdbcUrl("scoring_upgrade_" + System.nanoTime()), "postgres", "");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        flyway(dataSource, "1").migrate();
        jdbc.sql("insert into project_year (project_id, name, fiscal_year) values ('2023-V1', '展示运行', 2023)").update();
        jdbc.sql("""
                insert into fund_position (project_id, fund_source, initial, full_year, executed)
                values ('2023-V1', 'OTHER_FUNDS', 126213100.00, 126213100.00, 87746700.00)
                """).update();

        flyway(dataSource, "latest").migrate();

        assertThat(jdbc.sql("select status from project_year where project_id = '2023-V1'").query(String.class).single())
                .isEqualTo("REGISTERED");
        assertThat(jdbc.sql("""
                        select initial || ' ' || adjusted || ' ' || full_year || ' ' || paid || ' ' || reversed
                               || ' ' || refunded || ' ' || executed
                          from fund_position where project_id = '2023-V1'
                        """).query(String.class).single())
                .isEqualTo("126213100.00 0.00 126213100.00 87746700.00 0.00 0.00 87746700.00");
        // full_year and executed can no longer drift from the parts they are made of
        assertThatThrownBy(() -> jdbc.sql("update fund_position set full_year = full_year + 1").update())
                .hasMessageContaining("fund_position_full_year");
        assertThatThrownBy(() -> jdbc.sql("update project_year set status = 'FROZEN'").update())
                .hasMessageContaining("project_year_status");
    }

    private static Flyway flyway(DataSource dataSource, String target) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load();
    }
}
