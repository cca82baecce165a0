package dev.evident.control.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import dev.evident.catalog.AuditTest;
import dev.evident.catalog.ControlFrequency;
import dev.evident.catalog.ControlNature;
import dev.evident.catalog.ControlType;
import dev.evident.catalog.TestMethod;
import dev.evident.control.Control;
import dev.evident.control.ControlStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for controls and their mappings. Every statement names the organization. Bulk writes
 * (adoption, imports) use JDBC batches: a thousand controls are one round trip per table.
 */
@Repository
class Controls {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private static final String INSERT = """
            INSERT INTO control (id, org_id, ref, title, description, domain, control_type, nature, frequency,
                                 owner_user_id, owner_role, test_method, test_procedure, evidence, status,
                                 status_changed_at, applicable, not_applicable_reason, source_library, source_control,
                                 source_version, created_at, updated_at, version)
            VALUES (:id, :org, :ref, :title, :description, :domain, :type, :nature, :frequency, :owner, :ownerRole,
                    :testMethod, :testProcedure, :evidence, :status, :statusChangedAt, :applicable, :reason,
                    :sourceLibrary, :sourceControl, :sourceVersion, :createdAt, :updatedAt, 0)""";

    private static final String INSERT_MAPPING = """
            INSERT INTO control_mapping (control_id, org_id, framework_id, requirement_id)
            VALUES (:control, :org, :framework, :requirement)""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    Controls(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    void insertAll(List<Control> controls) {
        if (controls.isEmpty()) {
            return;
        }
        named.batchUpdate(INSERT, controls.stream().map(Controls::params).toArray(SqlParameterSource[]::new));
        insertMappings(controls);
    }

    /** Writes the definition and mappings; false when the version is no longer current. */
    boolean update(Control c, long expectedVersion) {
        MapSqlParameterSource params = params(c).addValue("expected", expectedVersion);
        int updated = named.update("""
                UPDATE control SET ref = :ref, title = :title, description = :description, domain = :domain,
                       control_type = :type, nature = :nature, frequency = :frequency, owner_user_id = :owner,
                       owner_role = :ownerRole, test_method = :testMethod, test_procedure = :testProcedure,
                       evidence = :evidence, status = :status, status_changed_at = :statusChangedAt,
                       applicable = :applicable, not_applicable_reason = :reason, updated_at = :updatedAt,
                       version = version + 1
                WHERE id = :id AND org_id = :org AND version = :expected""", params);
        if (updated == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM control_mapping WHERE control_id = :id AND org_id = :org")
                .param("id", c.id()).param("org", c.orgId()).update();
        insertMappings(List.of(c));
        return true;
    }

    /**
     * Writes the definitions and mappings of many controls in a few batches (a controls-as-code
     * import), leaving status alone. Each row must still have the version in its {@link Control};
     * false when any of them has moved on, and the caller rolls back.
     */
    boolean updateDefinitions(List<Control> controls) {
        if (controls.isEmpty()) {
            return true;
        }
        int[] counts = named.batchUpdate("""
                UPDATE control SET title = :title, description = :description, domain = :domain, control_type = :type,
                       nature = :nature, frequency = :frequency, owner_user_id = :owner, owner_role = :ownerRole,
                       test_method = :testMethod, test_procedure = :testProcedure, evidence = :evidence,
                       applicable = :applicable, not_applicable_reason = :reason, updated_at = :updatedAt,
                       version = version + 1
                WHERE id = :id AND org_id = :org AND version = :expected""", controls.stream()
                .map(c -> params(c).addValue("expected", c.version())).toArray(SqlParameterSource[]::new));
        for (int count : counts) {
            if (count == 0) {
                return false;
            }
        }
        named.batchUpdate("DELETE FROM control_mapping WHERE control_id = :id AND org_id = :org", controls.stream()
                .map(c -> new MapSqlParameterSource("id", c.id()).addValue("org", c.orgId()))
                .toArray(SqlParameterSource[]::new));
        insertMappings(controls);
        return true;
    }

    boolean updateStatus(UUID orgId, UUID id, ControlStatus status, long expectedVersion, Instant now) {
        return jdbc.sql("""
                UPDATE control SET status = :status, status_changed_at = :now, updated_at = :now, version = version + 1
                WHERE id = :id AND org_id = :org AND version = :expected""")
                .param("status", status.name()).param("now", toDb(now)).param("id", id).param("org", orgId)
                .param("expected", expectedVersion).update() == 1;
    }

    void unassignOwner(UUID orgId, UUID controlId, Instant now) {
        jdbc.sql("""
                UPDATE control SET owner_user_id = NULL, updated_at = :now, version = version + 1
                WHERE id = :id AND org_id = :org""").param("now", toDb(now)).param("id", controlId).param("org", orgId).update();
    }

    void delete(UUID orgId, UUID id) {
        jdbc.sql("DELETE FROM control WHERE id = :id AND org_id = :org").param("id", id).param("org", orgId).update();
    }

    void deleteAll(UUID orgId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        named.batchUpdate("DELETE FROM control WHERE id = :id AND org_id = :org", ids.stream()
                .map(id -> new MapSqlParameterSource("id", id).addValue("org", orgId)).toArray(SqlParameterSource[]::new));
    }

    Optional<Control> find(UUID orgId, UUID id) {
        List<Control> found = load(orgId, jdbc.sql("SELECT * FROM control WHERE org_id = :org AND id = :id")
                .param("org", orgId).param("id", id).query(Controls::row).list());
        return found.stream().findFirst();
    }

    /** Every control of the organization with its mappings, in no particular order. */
    List<Control> all(UUID orgId) {
        return load(orgId, jdbc.sql("SELECT * FROM control WHERE org_id = :org").param("org", orgId)
                .query(Controls::row).list());
    }

    List<Control> ownedBy(UUID orgId, UUID userId) {
        return load(orgId, jdbc.sql("SELECT * FROM control WHERE org_id = :org AND owner_user_id = :user")
                .param("org", orgId).param("user", userId).query(Controls::row).list());
    }

    private List<Control> load(UUID orgId, List<Control> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, List<String>> mappings = new HashMap<>();
        var query = rows.size() == 1
                ? jdbc.sql("SELECT control_id, requirement_id FROM control_mapping WHERE org_id = :org AND control_id = :id "
                        + "AND framework_id = :framework").param("id", rows.get(0).id())
                : jdbc.sql("SELECT control_id, requirement_id FROM control_mapping WHERE org_id = :org "
                        + "AND framework_id = :framework");
        query.param("org", orgId).param("framework", Control.FRAMEWORK).query((rs, i) -> mappings
                .computeIfAbsent(rs.getObject("control_id", UUID.class), k -> new ArrayList<>())
                .add(rs.getString("requirement_id"))).list();
        return rows.stream().map(c -> withCriteria(c, mappings.getOrDefault(c.id(), List.of()))).toList();
    }

    private void insertMappings(List<Control> controls) {
        List<SqlParameterSource> rows = new ArrayList<>();
        for (Control c : controls) {
            for (String criterion : c.criteria()) {
                rows.add(new MapSqlParameterSource("control", c.id()).addValue("org", c.orgId())
                        .addValue("framework", Control.FRAMEWORK).addValue("requirement", criterion));
            }
        }
        if (!rows.isEmpty()) {
            named.batchUpdate(INSERT_MAPPING, rows.toArray(SqlParameterSource[]::new));
        }
    }

    private static Control withCriteria(Control c, List<String> criteria) {
        return new Control(c.id(), c.orgId(), c.ref(), c.title(), c.description(), c.domain(), c.type(), c.nature(),
                c.frequency(), c.ownerUserId(), c.ownerRole(), c.test(), c.evidence(), criteria, c.status(),
                c.statusChangedAt(), c.applicable(), c.notApplicableReason(), c.source(), c.createdAt(), c.updatedAt(),
                c.version());
    }

    private static MapSqlParameterSource params(Control c) {
        return new MapSqlParameterSource()
                .addValue("id", c.id()).addValue("org", c.orgId()).addValue("ref", c.ref()).addValue("title", c.title())
                .addValue("description", c.description()).addValue("domain", c.domain())
                .addValue("type", c.type().name()).addValue("nature", c.nature().name())
                .addValue("frequency", c.frequency().name()).addValue("owner", c.ownerUserId())
                .addValue("ownerRole", c.ownerRole()).addValue("testMethod", c.test().method().name())
                .addValue("testProcedure", c.test().procedure()).addValue("evidence", JSON.writeValueAsString(c.evidence()))
                .addValue("status", c.status().name()).addValue("statusChangedAt", toDb(c.statusChangedAt()))
                .addValue("applicable", c.applicable()).addValue("reason", c.notApplicableReason())
                .addValue("sourceLibrary", c.source() == null ? null : c.source().library())
                .addValue("sourceControl", c.source() == null ? null : c.source().controlId())
                .addValue("sourceVersion", c.source() == null ? null : c.source().version())
                .addValue("createdAt", toDb(c.createdAt())).addValue("updatedAt", toDb(c.updatedAt()));
    }

    private static Control row(ResultSet rs, int i) throws SQLException {
        String library = rs.getString("source_library");
        return new Control(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("ref"),
                rs.getString("title"), rs.getString("description"), rs.getString("domain"),
                ControlType.valueOf(rs.getString("control_type")), ControlNature.valueOf(rs.getString("nature")),
                ControlFrequency.valueOf(rs.getString("frequency")), rs.getObject("owner_user_id", UUID.class),
                rs.getString("owner_role"),
                new AuditTest(TestMethod.valueOf(rs.getString("test_method")), rs.getString("test_procedure")),
                JSON.readValue(rs.getString("evidence"), STRINGS), List.of(),
                ControlStatus.valueOf(rs.getString("status")),
                fromDb(rs.getObject("status_changed_at", OffsetDateTime.class)), rs.getBoolean("applicable"),
                rs.getString("not_applicable_reason"),
                library == null ? null : new Control.Source(library, rs.getString("source_control"),
                        rs.getString("source_version")),
                fromDb(rs.getObject("created_at", OffsetDateTime.class)),
                fromDb(rs.getObject("updated_at", OffsetDateTime.class)), rs.getLong("version"));
    }
}
