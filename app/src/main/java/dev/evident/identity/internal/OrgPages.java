package dev.evident.identity.internal;

import dev.evident.shared.PageRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Newest-first pages of one organization's rows, keyed by their time-ordered id. */
final class OrgPages {

    private OrgPages() {
    }

    static <T> List<T> newestFirst(JdbcClient jdbc, String columns, String table, UUID orgId, PageRequest page,
                                   RowMapper<T> mapper) {
        String sql = "SELECT " + columns + " FROM " + table + " WHERE org_id = :org"
                + (page.afterId() != null ? " AND id < :after" : "") + " ORDER BY id DESC LIMIT :limit";
        var statement = jdbc.sql(sql).param("org", orgId).param("limit", page.fetchSize());
        if (page.afterId() != null) {
            statement = statement.param("after", page.afterId());
        }
        return statement.query(mapper).list();
    }
}
