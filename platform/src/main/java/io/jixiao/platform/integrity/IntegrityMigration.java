package io.jixiao.platform.integrity;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;

import javax.sql.DataSource;

/**
 * The chain's tables, migrated by a Flyway of their own (own history table, own location), so that no service has
 * to list them among its migrations; then a store that predates the chain is chained once
 * ({@link ChainAppender#adoptExisting}). Its bean runs after the service's own migrations (so a fresh database is
 * still empty when the service's Flyway looks at it) and before the event store is built.
 */
public class IntegrityMigration implements InitializingBean {

    public static final String HISTORY_TABLE = "flyway_integrity_history";

    private final DataSource dataSource;

    public IntegrityMigration(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws Exception {
        migrate(dataSource);
        new ChainAppender().adoptExisting(dataSource);
    }

    /** Baselines at 0 on a schema that already has tables (the service's), so V1 onwards still apply. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure(IntegrityMigration.class.getClassLoader())
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .locations("classpath:db/integrity")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
