package dev.evident.framework.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.catalog.Catalog;
import dev.evident.testing.IntegrationTest;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The catalog's frameworks are copied into the database at start and re-synced when their content changes. */
abstract class ReferenceDataSyncContract extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Catalog catalog;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    Clock clock;

    int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }

    @Test
    void everyFrameworkOfTheCatalogIsInTheDatabaseWithItsRequirements() {
        assertThat(jdbc.sql("SELECT id FROM framework ORDER BY id").query(String.class).list())
                .containsExactly("dc-200", "soc2-2017");
        assertThat(count("SELECT COUNT(*) FROM framework_requirement WHERE framework_id = 'soc2-2017' AND leaf = TRUE"))
                .isEqualTo(61);
        assertThat(count("SELECT COUNT(*) FROM framework_requirement WHERE framework_id = 'soc2-2017' AND leaf = FALSE"))
                .as("the series CC1..CC9, A1, PI1, C1, P1..P8").isEqualTo(20);
        assertThat(jdbc.sql("SELECT parent_id FROM framework_requirement WHERE framework_id = 'soc2-2017' AND id = 'CC6.1'")
                .query(String.class).single()).isEqualTo("CC6");
        assertThat(count("SELECT COUNT(*) FROM framework_requirement WHERE framework_id = 'dc-200'")).isEqualTo(9);
    }

    @Test
    void aChangedCatalogIsSyncedAgainAndDroppedRequirementsAreKeptAsRetired() {
        String hash = jdbc.sql("SELECT content_hash FROM framework WHERE id = 'soc2-2017'").query(String.class).single();
        ReferenceDataSync sync = new ReferenceDataSync(catalog, jdbc, transaction, clock);
        sync.afterSingletonsInstantiated();
        assertThat(jdbc.sql("SELECT content_hash FROM framework WHERE id = 'soc2-2017'").query(String.class).single())
                .as("unchanged content is left alone").isEqualTo(hash);

        // what an older Evident left behind: a requirement this catalog no longer has, and an outdated text
        jdbc.sql("""
                INSERT INTO framework_requirement (framework_id, id, parent_id, category_id, position, depth, leaf, title,
                                                   description, retired)
                VALUES ('soc2-2017', 'CC9.9', 'CC9', 'security', 999, 1, TRUE, NULL, 'Dropped in a later catalog', FALSE)""")
                .update();
        jdbc.sql("UPDATE framework_requirement SET description = 'old text' WHERE framework_id = 'soc2-2017' AND id = 'CC6.1'")
                .update();
        jdbc.sql("UPDATE framework SET content_hash = :h WHERE id = 'soc2-2017'").param("h", "0".repeat(64)).update();

        sync.afterSingletonsInstantiated();

        assertThat(jdbc.sql("SELECT content_hash FROM framework WHERE id = 'soc2-2017'").query(String.class).single())
                .isEqualTo(hash);
        assertThat(jdbc.sql("SELECT retired FROM framework_requirement WHERE framework_id = 'soc2-2017' AND id = 'CC9.9'")
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT description FROM framework_requirement WHERE framework_id = 'soc2-2017' AND id = 'CC6.1'")
                .query(String.class).single()).isEqualTo(catalog.index("soc2-2017").orElseThrow().find("CC6.1")
                .orElseThrow().description());
        assertThat(count("SELECT COUNT(*) FROM framework_requirement WHERE retired = TRUE")).isEqualTo(1);
        jdbc.sql("DELETE FROM framework_requirement WHERE framework_id = 'soc2-2017' AND id = 'CC9.9'").update();
    }
}
