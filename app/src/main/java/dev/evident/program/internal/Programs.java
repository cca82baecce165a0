package dev.evident.program.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import dev.evident.catalog.Catalog;
import dev.evident.catalog.Category;
import dev.evident.catalog.Framework;
import dev.evident.catalog.Requirement;
import dev.evident.program.Program;
import dev.evident.program.Program.CategoryScope;
import dev.evident.program.Program.NotRelevantCriterion;
import dev.evident.program.ReportType;
import dev.evident.program.SystemDescription;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** SQL for programs and their scope rows. Every statement names the organization. */
@Repository
class Programs {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Catalog catalog;

    Programs(JdbcClient jdbc, Catalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    private record Row(UUID id, UUID orgId, String name, String frameworkId, ReportType type, LocalDate asOf,
                       LocalDate start, LocalDate end, SystemDescription system, Instant createdAt, Instant updatedAt,
                       long version) {
    }

    void insert(UUID id, UUID orgId, ProgramValidator.Valid p, Instant now) {
        jdbc.sql("""
                INSERT INTO program (id, org_id, name, framework_id, report_type, as_of_date, period_start, period_end,
                                     system_description, created_at, updated_at, version)
                VALUES (:id, :org, :name, :framework, :type, :asOf, :start, :end, :system, :now, :now, 0)""")
                .param("id", id).param("org", orgId).param("name", p.name()).param("framework", p.frameworkId())
                .param("type", p.reportType().name()).param("asOf", p.asOfDate()).param("start", p.periodStart())
                .param("end", p.periodEnd()).param("system", JSON.writeValueAsString(p.system()))
                .param("now", toDb(now)).update();
        writeScope(id, orgId, p);
    }

    boolean update(UUID id, UUID orgId, ProgramValidator.Valid p, long expectedVersion, Instant now) {
        int updated = jdbc.sql("""
                UPDATE program SET name = :name, report_type = :type, as_of_date = :asOf, period_start = :start,
                       period_end = :end, system_description = :system, updated_at = :now, version = version + 1
                WHERE id = :id AND org_id = :org AND version = :version""")
                .param("id", id).param("org", orgId).param("name", p.name()).param("type", p.reportType().name())
                .param("asOf", p.asOfDate()).param("start", p.periodStart()).param("end", p.periodEnd())
                .param("system", JSON.writeValueAsString(p.system())).param("now", toDb(now))
                .param("version", expectedVersion).update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM program_category WHERE program_id = :id AND org_id = :org").param("id", id).param("org", orgId).update();
        jdbc.sql("DELETE FROM program_excluded_criterion WHERE program_id = :id AND org_id = :org")
                .param("id", id).param("org", orgId).update();
        writeScope(id, orgId, p);
        return true;
    }

    private void writeScope(UUID id, UUID orgId, ProgramValidator.Valid p) {
        for (CategoryScope c : p.categories()) {
            jdbc.sql("""
                    INSERT INTO program_category (program_id, org_id, category_id, included, exclusion_reason)
                    VALUES (:id, :org, :category, :included, :reason)""")
                    .param("id", id).param("org", orgId).param("category", c.categoryId()).param("included", c.included())
                    .param("reason", c.exclusionReason()).update();
        }
        for (NotRelevantCriterion n : p.notRelevant()) {
            jdbc.sql("""
                    INSERT INTO program_excluded_criterion (program_id, org_id, framework_id, requirement_id, reason)
                    VALUES (:id, :org, :framework, :criterion, :reason)""")
                    .param("id", id).param("org", orgId).param("framework", p.frameworkId())
                    .param("criterion", n.criterionId()).param("reason", n.reason()).update();
        }
    }

    void delete(UUID id, UUID orgId) {
        jdbc.sql("DELETE FROM program WHERE id = :id AND org_id = :org").param("id", id).param("org", orgId).update();
    }

    Optional<Program> find(UUID orgId, UUID id) {
        return load(orgId, "AND id = :id", id).stream().findFirst();
    }

    List<Program> list(UUID orgId) {
        return load(orgId, "", null);
    }

    boolean nameTaken(UUID orgId, String name, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM program WHERE org_id = :org AND LOWER(name) = LOWER(:name) AND id <> :except")
                .param("org", orgId).param("name", name).param("except", except == null ? new UUID(0, 0) : except)
                .query(Integer.class).single() > 0;
    }

    /** Included categories of all the organization's programs on a framework. */
    List<String> includedCategories(UUID orgId, String frameworkId) {
        return jdbc.sql("""
                SELECT DISTINCT c.category_id FROM program_category c JOIN program p ON p.id = c.program_id
                WHERE c.org_id = :org AND p.org_id = :org AND p.framework_id = :framework AND c.included = TRUE""")
                .param("org", orgId).param("framework", frameworkId).query(String.class).list();
    }

    private List<Program> load(UUID orgId, String condition, UUID id) {
        var statement = jdbc.sql("SELECT * FROM program WHERE org_id = :org " + condition + " ORDER BY id").param("org", orgId);
        if (id != null) {
            statement = statement.param("id", id);
        }
        List<Row> rows = statement.query(Programs::row).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<CategoryScope>> categories = new HashMap<>();
        var categoryQuery = jdbc.sql("SELECT program_id, category_id, included, exclusion_reason FROM program_category "
                + "WHERE org_id = :org" + (id == null ? "" : " AND program_id = :id")).param("org", orgId);
        if (id != null) {
            categoryQuery = categoryQuery.param("id", id);
        }
        categoryQuery.query((rs, i) -> categories.computeIfAbsent(rs.getObject("program_id", UUID.class), k -> new ArrayList<>())
                .add(new CategoryScope(rs.getString("category_id"), rs.getBoolean("included"),
                        rs.getString("exclusion_reason")))).list();
        Map<UUID, List<NotRelevantCriterion>> notRelevant = new HashMap<>();
        var excludedQuery = jdbc.sql("SELECT program_id, requirement_id, reason FROM program_excluded_criterion "
                + "WHERE org_id = :org" + (id == null ? "" : " AND program_id = :id")).param("org", orgId);
        if (id != null) {
            excludedQuery = excludedQuery.param("id", id);
        }
        excludedQuery.query((rs, i) -> notRelevant.computeIfAbsent(rs.getObject("program_id", UUID.class), k -> new ArrayList<>())
                .add(new NotRelevantCriterion(rs.getString("requirement_id"), rs.getString("reason")))).list();
        return rows.stream().map(r -> new Program(r.id(), r.orgId(), r.name(), r.frameworkId(), r.type(), r.asOf(),
                r.start(), r.end(), inFrameworkOrder(r.frameworkId(), categories.getOrDefault(r.id(), List.of()),
                CategoryScope::categoryId, true),
                inFrameworkOrder(r.frameworkId(), notRelevant.getOrDefault(r.id(), List.of()),
                        NotRelevantCriterion::criterionId, false),
                r.system(), r.createdAt(), r.updatedAt(), r.version())).toList();
    }

    /** Rows come back in no particular order; show them in the order the framework lists them. */
    private <T> List<T> inFrameworkOrder(String frameworkId, List<T> items, Function<T, String> id, boolean categories) {
        Framework framework = catalog.framework(frameworkId).orElse(null);
        if (framework == null) {
            return items;
        }
        List<String> order = categories ? framework.categories().stream().map(Category::id).toList()
                : framework.allRequirements().stream().map(Requirement::id).toList();
        return items.stream().sorted(Comparator.comparingInt(item -> {
            int at = order.indexOf(id.apply(item));
            return at < 0 ? Integer.MAX_VALUE : at;
        })).toList();
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
                rs.getString("framework_id"), ReportType.valueOf(rs.getString("report_type")),
                rs.getObject("as_of_date", LocalDate.class), rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class),
                JSON.readValue(rs.getString("system_description"), SystemDescription.class),
                fromDb(rs.getObject("created_at", OffsetDateTime.class)), fromDb(rs.getObject("updated_at", OffsetDateTime.class)),
                rs.getLong("version"));
    }
}
