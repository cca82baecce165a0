package dev.evident.monitoring.internal;

import static dev.evident.shared.Timestamps.toDb;

import com.zaxxer.hikari.HikariDataSource;
import dev.evident.integration.internal.InventoryStoreAccess;
import dev.evident.testing.BenchSchema;
import dev.evident.monitoring.internal.BenchChecks.Paired;
import dev.evident.monitoring.internal.CheckService.CheckState;
import dev.evident.monitoring.internal.Checks.CheckRow;
import dev.evident.monitoring.internal.Checks.CheckVersion;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monitoring benchmark's database: a throw-away PostgreSQL schema (created, migrated by the
 * application's Flyway migrations, dropped at the end, as bench/'s PostgresSchemas does), an
 * organization with a GitHub and an HR connection, the generated inventory written through the
 * integration module's store, and the 60 checks written through the monitoring module's store.
 */
final class BenchDatabase implements AutoCloseable {

    final String schema;
    final HikariDataSource dataSource;
    final JdbcClient jdbc;
    final JdbcTemplate template;
    final NamedParameterJdbcTemplate named;
    final TransactionTemplate transaction;
    final InventoryStoreAccess inventory;
    final Checks checks;
    final UUID orgId = UUID.randomUUID();
    final Map<String, UUID> connections = new LinkedHashMap<>();
    private final BenchSchema benchSchema;

    BenchDatabase(String url, String user, String password) throws SQLException {
        benchSchema = BenchSchema.create("checks", url, user, password);
        this.schema = benchSchema.name();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(benchSchema.jdbcUrl());
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        template = new JdbcTemplate(dataSource);
        named = new NamedParameterJdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        inventory = new InventoryStoreAccess(jdbc, template);
        checks = new Checks(jdbc);
    }

    String serverVersion() {
        return jdbc.sql("SHOW server_version").query(String.class).single();
    }

    /** The organization and one connection per connector. */
    void organization(Instant now) {
        jdbc.sql("INSERT INTO organization (id, slug, name, created_at, updated_at) VALUES (:id, 'bench', 'Benchmark', :at, :at)")
                .param("id", orgId).param("at", toDb(now)).update();
        for (String connector : List.of(BenchInventory.GITHUB, BenchInventory.HR)) {
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                    INSERT INTO integration_connection (id, org_id, connector, display_name, settings, sync_interval_seconds,
                        enabled, consecutive_failures, created_at, updated_at)
                    VALUES (:id, :org, :connector, :name, '{}', 3600, TRUE, 0, :at, :at)""")
                    .param("id", id).param("org", orgId).param("connector", connector).param("name", connector)
                    .param("at", toDb(now)).update();
            connections.put(connector, id);
        }
    }

    /** Writes the inventory type by type, each in a transaction, as a sync does. */
    void write(List<BenchInventory.Resource> resources, Instant collectedAt) {
        Map<String, List<BenchInventory.Resource>> byType = new LinkedHashMap<>();
        resources.forEach(r -> byType.computeIfAbsent(r.connector() + " " + r.type(), k -> new ArrayList<>()).add(r));
        byType.forEach((key, list) -> transaction.executeWithoutResult(status -> {
            BenchInventory.Resource first = list.get(0);
            inventory.replaceType(orgId, connections.get(first.connector()), first.connector(), first.type(), list.stream()
                    .map(r -> new InventoryStoreAccess.Row(r.type(), r.externalId(), r.displayName(),
                            BenchInventory.json(r.attributes()), r.account(), r.email(), collectedAt)).toList());
        }));
    }

    /** Stores the checks as custom checks at version 1. */
    void store(List<Paired> list, Instant now) {
        transaction.executeWithoutResult(status -> {
            for (Paired p : list) {
                UUID id = UUID.randomUUID();
                checks.insert(new CheckRow(id, orgId, p.definition().key(), false, true, 1, now, now));
                checks.insertVersion(orgId, new CheckVersion(id, 1, p.definition(), "user", null, now, "benchmark"));
            }
        });
    }

    /** The organization's checks with their current versions, read as an evaluation run reads them. */
    List<CheckState> loadChecks() {
        Map<UUID, CheckVersion> versions = checks.currentVersions(orgId);
        return checks.list(orgId).stream().map(row -> new CheckState(row, versions.get(row.id()))).toList();
    }

    /** Bytes of a table with its indexes and TOAST data. */
    long totalSize(String table) {
        return jdbc.sql("SELECT pg_total_relation_size(CAST(:t AS regclass))").param("t", schema + "." + table)
                .query(Long.class).single();
    }

    long indexSize(String table) {
        return jdbc.sql("SELECT pg_indexes_size(CAST(:t AS regclass))").param("t", schema + "." + table)
                .query(Long.class).single();
    }

    /** Whether the server vacuums by itself (a development server may run with autovacuum off). */
    boolean autovacuum() {
        return "on".equals(jdbc.sql("SHOW autovacuum").query(String.class).single());
    }

    /**
     * Vacuums the table when PostgreSQL's default autovacuum would (dead rows above 50 + 20 % of the
     * live ones); true when it did.
     */
    boolean vacuumLikeAutovacuum(String table) {
        var counts = jdbc.sql("""
                SELECT n_live_tup, n_dead_tup FROM pg_stat_user_tables WHERE schemaname = :schema AND relname = :table""")
                .param("schema", schema).param("table", table).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        if (counts[1] <= 50 + 0.2 * counts[0]) {
            return false;
        }
        jdbc.sql("VACUUM " + benchSchema.name() + "." + java.util.Objects.requireNonNull(
                StorageYear.TABLES.contains(table) ? table : null, "not a monitoring table")).update();
        return true;
    }

    long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE org_id = :org").param("org", orgId)
                .query(Long.class).single();
    }

    @Override
    public void close() throws SQLException {
        dataSource.close();
        benchSchema.drop();
    }
}
