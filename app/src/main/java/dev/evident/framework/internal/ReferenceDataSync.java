package dev.evident.framework.internal;

import static dev.evident.shared.Timestamps.toDb;

import dev.evident.catalog.Catalog;
import dev.evident.catalog.Framework;
import dev.evident.catalog.Requirement;
import dev.evident.shared.Timestamps;
import dev.evident.verifier.CanonicalJson;
import dev.evident.verifier.Hashes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Copies the catalog's frameworks into the database when this version of Evident starts, so that
 * programs and control mappings can reference requirements with foreign keys. A framework whose
 * content hash is unchanged is left alone; a changed one is updated in place, and requirements the
 * new catalog no longer has are kept but marked retired (mappings to them stay readable).
 *
 * <p>Several nodes may start at once: the sync holds a row lock on its {@code installation_state}
 * row, so they run it one after another and the later ones find nothing to do.
 */
@Component
class ReferenceDataSync implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ReferenceDataSync.class);
    private static final String LOCK_KEY = "catalog.sync";

    private final Catalog catalog;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ReferenceDataSync(Catalog catalog, JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Runs once the beans exist (Flyway has migrated) and before the application takes requests. */
    @Override
    public void afterSingletonsInstantiated() {
        transaction.executeWithoutResult(status -> sync());
    }

    void sync() {
        Instant now = Timestamps.now(clock);
        jdbc.sql("""
                INSERT INTO installation_state (state_key, state_value, updated_at) VALUES (:key, 'unlocked', :now)
                ON CONFLICT DO NOTHING""").param("key", LOCK_KEY).param("now", toDb(now)).update();
        jdbc.sql("SELECT state_value FROM installation_state WHERE state_key = :key FOR UPDATE")
                .param("key", LOCK_KEY).query(String.class).single();
        for (Framework framework : catalog.frameworks()) {
            String hash = contentHash(framework);
            String stored = jdbc.sql("SELECT content_hash FROM framework WHERE id = :id").param("id", framework.id())
                    .query(String.class).optional().orElse(null);
            if (hash.equals(stored)) {
                continue;
            }
            write(framework, hash, stored == null, now);
            log.info("Reference framework {} {} ({} requirements)", framework.id(), stored == null ? "installed" : "updated",
                    framework.allRequirements().size());
        }
        jdbc.sql("UPDATE installation_state SET state_value = :hash, updated_at = :now WHERE state_key = :key")
                .param("hash", Hashes.sha256Hex(catalog.frameworks().stream().map(ReferenceDataSync::contentHash)
                        .collect(Collectors.joining(","))))
                .param("now", toDb(now)).param("key", LOCK_KEY).update();
    }

    private void write(Framework framework, String hash, boolean isNew, Instant now) {
        if (isNew) {
            jdbc.sql("""
                    INSERT INTO framework (id, name, version, content_hash, synced_at)
                    VALUES (:id, :name, :version, :hash, :now)""")
                    .param("id", framework.id()).param("name", framework.name()).param("version", framework.version())
                    .param("hash", hash).param("now", toDb(now)).update();
        } else {
            jdbc.sql("UPDATE framework SET name = :name, version = :version, content_hash = :hash, synced_at = :now WHERE id = :id")
                    .param("id", framework.id()).param("name", framework.name()).param("version", framework.version())
                    .param("hash", hash).param("now", toDb(now)).update();
        }
        Set<String> existing = Set.copyOf(jdbc.sql("SELECT id FROM framework_requirement WHERE framework_id = :f")
                .param("f", framework.id()).query(String.class).list());
        List<Row> rows = rows(framework);
        for (Row row : rows) {
            String sql = existing.contains(row.id())
                    ? """
                      UPDATE framework_requirement SET parent_id = :parent, category_id = :category, position = :position,
                             depth = :depth, leaf = :leaf, title = :title, description = :description, retired = FALSE
                      WHERE framework_id = :framework AND id = :id"""
                    : """
                      INSERT INTO framework_requirement
                          (framework_id, id, parent_id, category_id, position, depth, leaf, title, description, retired)
                      VALUES (:framework, :id, :parent, :category, :position, :depth, :leaf, :title, :description, FALSE)""";
            jdbc.sql(sql).param("framework", framework.id()).param("id", row.id()).param("parent", row.parentId())
                    .param("category", row.categoryId()).param("position", row.position()).param("depth", row.depth())
                    .param("leaf", row.leaf()).param("title", row.title()).param("description", row.description()).update();
        }
        Set<String> current = rows.stream().map(Row::id).collect(Collectors.toSet());
        for (String gone : existing) {
            if (!current.contains(gone)) {
                jdbc.sql("UPDATE framework_requirement SET retired = TRUE WHERE framework_id = :f AND id = :id")
                        .param("f", framework.id()).param("id", gone).update();
                log.warn("Requirement {} of {} is no longer in the catalog; kept as retired", gone, framework.id());
            }
        }
    }

    private record Row(String id, String parentId, String categoryId, int position, int depth, boolean leaf, String title,
                       String description) {
    }

    private static List<Row> rows(Framework framework) {
        List<Row> rows = new ArrayList<>();
        for (Requirement top : framework.requirements()) {
            flatten(top, null, 0, rows);
        }
        return rows;
    }

    private static void flatten(Requirement node, String parentId, int depth, List<Row> out) {
        out.add(new Row(node.id(), parentId, node.categoryId(), out.size(), depth, node.isLeaf(), node.title(),
                node.description()));
        node.children().forEach(child -> flatten(child, node.id(), depth + 1, out));
    }

    /** A hash over everything the database copy holds, so any change in the catalog triggers a sync. */
    static String contentHash(Framework framework) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", framework.id());
        doc.put("name", framework.name());
        doc.put("version", framework.version());
        doc.put("requirements", rows(framework).stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("parent", r.parentId());
            m.put("category", r.categoryId());
            m.put("depth", (long) r.depth());
            m.put("title", r.title());
            m.put("description", r.description());
            return m;
        }).toList());
        return Hashes.sha256Hex(CanonicalJson.encode(doc));
    }
}
