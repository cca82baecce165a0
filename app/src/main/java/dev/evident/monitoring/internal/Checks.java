package dev.evident.monitoring.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import dev.evident.monitoring.internal.CheckDefinition.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for checks and their versions. Every statement names the organization. */
@Repository
class Checks {

    static final String ORIGIN_LIBRARY = "library";
    static final String ORIGIN_USER = "user";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A check's identity and state; its content is in {@link CheckVersion}. */
    record CheckRow(UUID id, UUID orgId, String key, boolean builtIn, boolean enabled, int currentVersion,
                    Instant createdAt, Instant updatedAt) {
    }

    /** One immutable version of a check. */
    record CheckVersion(UUID checkId, int version, CheckDefinition definition, String origin, String librarySha256,
                        Instant createdAt, String createdBy) {
    }

    private final JdbcClient jdbc;

    Checks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<CheckRow> list(UUID orgId) {
        return jdbc.sql("SELECT * FROM monitoring_check WHERE org_id = :org ORDER BY check_key")
                .param("org", orgId).query(Checks::row).list();
    }

    Optional<CheckRow> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT * FROM monitoring_check WHERE org_id = :org AND id = :id")
                .param("org", orgId).param("id", id).query(Checks::row).optional();
    }

    Optional<CheckRow> findByKey(UUID orgId, String key) {
        return jdbc.sql("SELECT * FROM monitoring_check WHERE org_id = :org AND check_key = :key")
                .param("org", orgId).param("key", key).query(Checks::row).optional();
    }

    void insert(CheckRow c) {
        jdbc.sql("""
                INSERT INTO monitoring_check (id, org_id, check_key, built_in, enabled, current_version, created_at, updated_at)
                VALUES (:id, :org, :key, :builtIn, :enabled, :version, :created, :updated)""")
                .param("id", c.id()).param("org", c.orgId()).param("key", c.key()).param("builtIn", c.builtIn())
                .param("enabled", c.enabled()).param("version", c.currentVersion()).param("created", toDb(c.createdAt()))
                .param("updated", toDb(c.updatedAt())).update();
    }

    void insertVersion(UUID orgId, CheckVersion v) {
        CheckDefinition d = v.definition();
        jdbc.sql("""
                INSERT INTO monitoring_check_version (org_id, check_id, version, title, description, resource_type,
                    expression, severity, controls, remediation, parameters, joins, origin, library_sha256, created_at,
                    created_by)
                VALUES (:org, :check, :version, :title, :description, :type, :expression, :severity, :controls,
                    :remediation, :parameters, :joins, :origin, :librarySha, :created, :createdBy)""")
                .param("org", orgId).param("check", v.checkId()).param("version", v.version()).param("title", d.title())
                .param("description", d.description()).param("type", d.resourceType()).param("expression", d.expression())
                .param("severity", d.severity().id()).param("controls", JSON.writeValueAsString(d.controls()))
                .param("remediation", d.remediation()).param("parameters", JSON.writeValueAsString(d.parameters()))
                .param("joins", JSON.writeValueAsString(d.joins())).param("origin", v.origin())
                .param("librarySha", v.librarySha256()).param("created", toDb(v.createdAt()))
                .param("createdBy", v.createdBy()).update();
    }

    /** Moves the check to a new version if it is still at {@code from}; false when someone else moved it. */
    boolean advance(UUID orgId, UUID id, int from, int to, Instant now) {
        return jdbc.sql("""
                UPDATE monitoring_check SET current_version = :to, updated_at = :now
                WHERE org_id = :org AND id = :id AND current_version = :from""")
                .param("to", to).param("now", toDb(now)).param("org", orgId).param("id", id).param("from", from)
                .update() == 1;
    }

    void setEnabled(UUID orgId, UUID id, boolean enabled, Instant now) {
        jdbc.sql("UPDATE monitoring_check SET enabled = :enabled, updated_at = :now WHERE org_id = :org AND id = :id")
                .param("enabled", enabled).param("now", toDb(now)).param("org", orgId).param("id", id).update();
    }

    Optional<CheckVersion> version(UUID orgId, UUID checkId, int version) {
        return jdbc.sql("SELECT * FROM monitoring_check_version WHERE org_id = :org AND check_id = :check AND version = :v")
                .param("org", orgId).param("check", checkId).param("v", version).query(Checks::version).optional();
    }

    List<CheckVersion> versions(UUID orgId, UUID checkId) {
        return jdbc.sql("SELECT * FROM monitoring_check_version WHERE org_id = :org AND check_id = :check ORDER BY version")
                .param("org", orgId).param("check", checkId).query(Checks::version).list();
    }

    /** The current version of every check of the organization, by check id. */
    Map<UUID, CheckVersion> currentVersions(UUID orgId) {
        Map<UUID, CheckVersion> out = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT v.* FROM monitoring_check_version v
                JOIN monitoring_check c ON c.id = v.check_id AND c.current_version = v.version
                WHERE v.org_id = :org AND c.org_id = :org""")
                .param("org", orgId).query(Checks::version).list().forEach(v -> out.put(v.checkId(), v));
        return out;
    }

    private static CheckRow row(ResultSet rs, int n) throws SQLException {
        return new CheckRow(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("check_key"),
                rs.getBoolean("built_in"), rs.getBoolean("enabled"), rs.getInt("current_version"),
                fromDb(rs.getObject("created_at", java.time.OffsetDateTime.class)),
                fromDb(rs.getObject("updated_at", java.time.OffsetDateTime.class)));
    }

    private static CheckVersion version(ResultSet rs, int n) throws SQLException {
        List<String> controls = JSON.readValue(rs.getString("controls"), new TypeReference<List<String>>() { });
        Map<String, Object> parameters = JSON.readValue(rs.getString("parameters"),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        List<CheckJoin> joins = new ArrayList<>(JSON.readValue(rs.getString("joins"), new TypeReference<List<CheckJoin>>() { }));
        CheckDefinition d = new CheckDefinition(null, rs.getString("title"), rs.getString("description"),
                rs.getString("resource_type"), rs.getString("expression"), Severity.parse(rs.getString("severity")),
                controls, rs.getString("remediation"), parameters, joins);
        return new CheckVersion(rs.getObject("check_id", UUID.class), rs.getInt("version"), d, rs.getString("origin"),
                rs.getString("library_sha256"), fromDb(rs.getObject("created_at", java.time.OffsetDateTime.class)),
                rs.getString("created_by"));
    }
}
