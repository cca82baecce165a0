package dev.evident.integration.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import dev.evident.integration.Inventory;
import dev.evident.integration.InventoryResource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * The current inventory and the manual identity links that decide whose account a resource is.
 * A resource's person is its link if one exists (a link for its connection wins over one for its
 * connector), otherwise its own lower-cased {@code email} attribute; either is then replaced by the
 * roster email it is an alias of ({@link IdentityAliases}).
 */
@Repository
class InventoryStore implements Inventory {

    /** The type whose resources are people rather than accounts: its emails name the people alias groups join. */
    static final String ROSTER_TYPE = "hr.person";

    /**
     * A resource as the sync writes it; {@code email} is the lower-cased email attribute, or null;
     * {@code aliases} the other addresses it names, space-separated ({@link IdentityAliases#column}), or null.
     */
    record NewResource(String type, String externalId, String displayName, String attributesJson, boolean account,
                       String email, String aliases, Instant collectedAt, String rawDigest) {
    }

    record IdentityLink(UUID id, UUID connectionId, String connector, String resourceType, String externalId,
                        String personEmail, Instant createdAt, String createdBy) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    InventoryStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Makes {@code resources} the connection's whole inventory of {@code type}: rows with the same
     * external id are replaced, rows not collected this time are removed. The caller holds the transaction.
     */
    void replaceType(UUID orgId, UUID connectionId, String connector, String type, List<NewResource> resources) {
        jdbc.sql("DELETE FROM integration_resource WHERE org_id = :org AND connection_id = :conn AND resource_type = :type")
                .param("org", orgId).param("conn", connectionId).param("type", type).update();
        template.batchUpdate("""
                INSERT INTO integration_resource (org_id, connection_id, connector, resource_type, external_id,
                    display_name, attributes, account, email, collected_at, raw_digest, aliases)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", resources, 500, (ps, r) -> {
            ps.setObject(1, orgId);
            ps.setObject(2, connectionId);
            ps.setString(3, connector);
            ps.setString(4, type);
            ps.setString(5, r.externalId());
            ps.setString(6, r.displayName());
            ps.setString(7, r.attributesJson());
            ps.setBoolean(8, r.account());
            ps.setString(9, r.email());
            ps.setObject(10, toDb(r.collectedAt()));
            ps.setString(11, r.rawDigest());
            ps.setString(12, r.aliases());
        });
    }

    @Override
    public void forEach(UUID orgId, String type, Consumer<InventoryResource> consumer) {
        forEach(orgId, type, consumer, links(orgId));
    }

    @Override
    public Reader reader(UUID orgId) {
        Links links = links(orgId);
        return (type, consumer) -> forEach(orgId, type, consumer, links);
    }

    private void forEach(UUID orgId, String type, Consumer<InventoryResource> consumer, Links links) {
        jdbc.sql("SELECT * FROM integration_resource WHERE org_id = :org AND resource_type = :type")
                .param("org", orgId).param("type", type)
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> consumer.accept(resource(rs, links)));
    }

    @Override
    public List<String> types(UUID orgId) {
        return jdbc.sql("SELECT DISTINCT resource_type FROM integration_resource WHERE org_id = :org ORDER BY resource_type")
                .param("org", orgId).query(String.class).list();
    }

    /** Resources of one connection, optionally of one type, ordered by type and external id. */
    List<InventoryResource> ofConnection(UUID orgId, UUID connectionId, String type, int limit) {
        Links links = links(orgId);
        return jdbc.sql("SELECT * FROM integration_resource WHERE org_id = :org AND connection_id = :conn"
                        + (type == null ? "" : " AND resource_type = :type") + " ORDER BY resource_type, external_id LIMIT :limit")
                .param("org", orgId).param("conn", connectionId).param("limit", limit)
                .params(type == null ? Map.of() : Map.of("type", type))
                .query((rs, i) -> resource(rs, links)).list();
    }

    /** Where a page of the inventory starts: after this (type, connection, external id), in that order. */
    record ResourcePosition(String type, UUID connectionId, String externalId) {

        static ResourcePosition of(InventoryResource r) {
            return new ResourcePosition(r.type(), r.connectionId(), r.externalId());
        }

        /** The cursor key: a JSON array, so that any character in an external id survives. */
        String key() {
            return ConnectionStore.JSON.writeValueAsString(List.of(type, connectionId.toString(), externalId));
        }

        /** Null for null; a key this API did not write is a 400 naming the cursor parameter. */
        static ResourcePosition parse(String key) {
            if (key == null) {
                return null;
            }
            try {
                JsonNode array = ConnectionStore.JSON.readTree(key);
                if (array.isArray() && array.size() == 3 && array.get(0).isString() && array.get(1).isString()
                        && array.get(2).isString()) {
                    return new ResourcePosition(array.get(0).asString(), UUID.fromString(array.get(1).asString()),
                            array.get(2).asString());
                }
            } catch (RuntimeException e) {
                // falls through to the error below
            }
            throw new dev.evident.shared.problem.InvalidInputException("cursor", "is not a cursor returned by this API");
        }
    }

    /**
     * A page of the organization's inventory ordered by type, connection and external id (a stable
     * order: the three are unique together), starting after {@code after} when given; when {@code text}
     * is given, only resources whose display name, external id or email attribute contains it, ignoring
     * case ({@code %} and {@code _} are plain characters).
     */
    List<InventoryResource> search(UUID orgId, String type, UUID connectionId, String text, ResourcePosition after,
                                   int limit) {
        Links links = links(orgId);
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM integration_resource WHERE org_id = :org");
        if (text != null) {
            sql.append(" AND (LOWER(display_name) LIKE :text ESCAPE '!' OR LOWER(external_id) LIKE :text ESCAPE '!'"
                    + " OR email LIKE :text ESCAPE '!')");
            params.put("text", "%" + text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_")
                    + "%");
        }
        if (type != null) {
            sql.append(" AND resource_type = :type");
            params.put("type", type);
        }
        if (connectionId != null) {
            sql.append(" AND connection_id = :conn");
            params.put("conn", connectionId);
        }
        if (after != null) {
            sql.append(" AND (resource_type > :afterType OR resource_type = :afterType AND (connection_id > :afterConn"
                    + " OR connection_id = :afterConn AND external_id > :afterId))");
            params.put("afterType", after.type());
            params.put("afterConn", after.connectionId());
            params.put("afterId", after.externalId());
        }
        sql.append(" ORDER BY resource_type, connection_id, external_id LIMIT :limit");
        return jdbc.sql(sql.toString()).param("org", orgId).param("limit", limit).params(params)
                .query((rs, i) -> resource(rs, links)).list();
    }

    /** One current resource, if the connection's last collection of its type found it. */
    Optional<InventoryResource> find(UUID orgId, UUID connectionId, String type, String externalId) {
        Links links = links(orgId);
        return jdbc.sql("SELECT * FROM integration_resource WHERE org_id = :org AND connection_id = :conn"
                        + " AND resource_type = :type AND external_id = :ext")
                .param("org", orgId).param("conn", connectionId).param("type", type).param("ext", externalId)
                .query((rs, i) -> resource(rs, links)).optional();
    }

    /**
     * Resources that are accounts of people (they carry an email attribute), ordered by type and
     * external id, with the addresses the join left apart, both from one reading of the aliases.
     */
    Accounts accounts(UUID orgId, int limit) {
        Links links = links(orgId);
        List<InventoryResource> accounts = jdbc.sql("SELECT * FROM integration_resource WHERE org_id = :org"
                        + " AND account = TRUE ORDER BY resource_type, connection_id, external_id LIMIT :limit")
                .param("org", orgId).param("limit", limit).query((rs, i) -> resource(rs, links)).list();
        return new Accounts(accounts, links.aliases().ambiguous());
    }

    /** People's accounts, and the addresses left unjoined because their aliases reach more than one person. */
    record Accounts(List<InventoryResource> accounts, java.util.Set<String> ambiguousAliases) {
    }

    @Override
    public List<FailedCollection> failedCollections(UUID orgId) {
        return jdbc.sql("""
                SELECT t.connection_id, c.connector, t.resource_type, t.last_error FROM integration_type_state t
                JOIN integration_connection c ON c.id = t.connection_id AND c.org_id = t.org_id
                WHERE t.org_id = :org AND t.last_failure_at IS NOT NULL
                ORDER BY t.connection_id, t.resource_type""")
                .param("org", orgId).query((rs, i) -> new FailedCollection(rs.getObject("connection_id", UUID.class),
                        rs.getString("connector"), rs.getString("resource_type"), rs.getString("last_error")))
                .list();
    }

    /** Every account (and roster entry) joined to the person {@code email} names, however it was joined. */
    List<InventoryResource> accountsOf(UUID orgId, String email) {
        Links links = links(orgId);
        String person = links.aliases().person(email);
        List<InventoryResource> result = new java.util.ArrayList<>();
        jdbc.sql("SELECT * FROM integration_resource WHERE org_id = :org AND account = TRUE"
                        + " ORDER BY resource_type, connection_id, external_id")
                .param("org", orgId).query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    InventoryResource r = resource(rs, links);
                    if (person.equals(r.personEmail())) {
                        result.add(r);
                    }
                });
        return result;
    }

    /**
     * Accounts nobody is known for: resources that carry an {@code email} attribute (so they are
     * accounts of people) but have neither an email nor a link.
     */
    List<InventoryResource> unlinkedAccounts(UUID orgId, String type, int limit) {
        Links links = links(orgId);
        return jdbc.sql("SELECT * FROM integration_resource WHERE org_id = :org AND account = TRUE AND email IS NULL"
                        + (type == null ? "" : " AND resource_type = :type") + " ORDER BY resource_type, external_id")
                .param("org", orgId).params(type == null ? Map.of() : Map.of("type", type))
                .query((rs, i) -> resource(rs, links)).list().stream()
                .filter(r -> r.personEmail() == null)
                .limit(limit).toList();
    }

    Map<String, Integer> counts(UUID orgId, UUID connectionId) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        jdbc.sql("""
                SELECT resource_type, COUNT(*) AS n FROM integration_resource WHERE org_id = :org AND connection_id = :conn
                GROUP BY resource_type""")
                .param("org", orgId).param("conn", connectionId)
                .query((rs, i) -> counts.put(rs.getString("resource_type"), rs.getInt("n"))).list();
        return counts;
    }

    // Identity links

    void insertLink(UUID orgId, IdentityLink link) {
        jdbc.sql("""
                INSERT INTO integration_identity_link (id, org_id, connection_id, connector, resource_type, external_id,
                    person_email, created_at, created_by)
                VALUES (:id, :org, :conn, :connector, :type, :ext, :email, :at, :by)""")
                .param("id", link.id()).param("org", orgId).param("conn", link.connectionId())
                .param("connector", link.connector()).param("type", link.resourceType()).param("ext", link.externalId())
                .param("email", link.personEmail()).param("at", toDb(link.createdAt())).param("by", link.createdBy())
                .update();
    }

    /** The link for exactly this account scope, if one exists (one link per scope, type and external id). */
    Optional<IdentityLink> sameScope(UUID orgId, UUID connectionId, String connector, String type, String externalId) {
        return jdbc.sql("SELECT * FROM integration_identity_link WHERE org_id = :org AND resource_type = :type"
                        + " AND external_id = :ext AND " + (connectionId != null ? "connection_id = :scope" : "connector = :scope"))
                .param("org", orgId).param("type", type).param("ext", externalId)
                .param("scope", connectionId != null ? connectionId : connector)
                .query(InventoryStore::link).optional();
    }

    List<IdentityLink> links(UUID orgId, int limit) {
        return jdbc.sql("SELECT * FROM integration_identity_link WHERE org_id = :org ORDER BY id DESC LIMIT :limit")
                .param("org", orgId).param("limit", limit).query(InventoryStore::link).list();
    }

    Optional<IdentityLink> findLink(UUID orgId, UUID id) {
        return jdbc.sql("SELECT * FROM integration_identity_link WHERE org_id = :org AND id = :id")
                .param("org", orgId).param("id", id).query(InventoryStore::link).optional();
    }

    void deleteLink(UUID orgId, UUID id) {
        jdbc.sql("DELETE FROM integration_identity_link WHERE org_id = :org AND id = :id").param("org", orgId)
                .param("id", id).update();
    }

    private static IdentityLink link(ResultSet rs, int i) throws SQLException {
        return new IdentityLink(rs.getObject("id", UUID.class), rs.getObject("connection_id", UUID.class),
                rs.getString("connector"), rs.getString("resource_type"), rs.getString("external_id"),
                rs.getString("person_email"), fromDb(rs.getObject("created_at", OffsetDateTime.class)),
                rs.getString("created_by"));
    }

    /** An organization's links, looked up by account. */
    private Links links(UUID orgId) {
        Map<String, String> byConnection = new HashMap<>();
        Map<String, String> byConnector = new HashMap<>();
        jdbc.sql("SELECT * FROM integration_identity_link WHERE org_id = :org").param("org", orgId)
                .query(InventoryStore::link).list().forEach(l -> {
                    if (l.connectionId() != null) {
                        byConnection.put(key(l.connectionId().toString(), l.resourceType(), l.externalId()), l.personEmail());
                    } else {
                        byConnector.put(key(l.connector(), l.resourceType(), l.externalId()), l.personEmail());
                    }
                });
        return new Links(byConnection, byConnector, aliases(orgId));
    }

    /**
     * The organization's alias groups: addresses of accounts and roster people that list other addresses,
     * and the roster's emails (which name the person of a group). Nothing is read twice when nobody has aliases.
     */
    IdentityAliases aliases(UUID orgId) {
        List<IdentityAliases.Entry> entries = jdbc.sql("""
                SELECT resource_type, email, aliases FROM integration_resource
                WHERE org_id = :org AND email IS NOT NULL AND aliases IS NOT NULL""")
                .param("org", orgId).query((rs, i) -> new IdentityAliases.Entry(rs.getString("email"),
                        IdentityAliases.fromColumn(rs.getString("aliases")), ROSTER_TYPE.equals(rs.getString("resource_type"))))
                .list();
        if (entries.isEmpty()) {
            return IdentityAliases.NONE;
        }
        List<IdentityAliases.Entry> all = new java.util.ArrayList<>(entries);
        jdbc.sql("SELECT email FROM integration_resource WHERE org_id = :org AND resource_type = :roster AND email IS NOT NULL"
                        + " AND aliases IS NULL")
                .param("org", orgId).param("roster", ROSTER_TYPE)
                .query((rs, i) -> all.add(new IdentityAliases.Entry(rs.getString("email"), List.of(), true))).list();
        return IdentityAliases.of(all);
    }

    private record Links(Map<String, String> byConnection, Map<String, String> byConnector, IdentityAliases aliases) {
        String personOf(UUID connectionId, String connector, String type, String externalId, String email) {
            String linked = byConnection.get(key(connectionId.toString(), type, externalId));
            if (linked == null) {
                linked = byConnector.get(key(connector, type, externalId));
            }
            return aliases.person(linked != null ? linked : email);
        }
    }

    private static String key(String scope, String type, String externalId) {
        return scope + '\u0000' + type + '\u0000' + externalId;
    }

    private static InventoryResource resource(ResultSet rs, Links links) throws SQLException {
        UUID connectionId = rs.getObject("connection_id", UUID.class);
        String connector = rs.getString("connector");
        String type = rs.getString("resource_type");
        String externalId = rs.getString("external_id");
        return new InventoryResource(connectionId, connector, type, externalId, rs.getString("display_name"),
                rs.getString("attributes"), links.personOf(connectionId, connector, type, externalId, rs.getString("email")),
                fromDb(rs.getObject("collected_at", OffsetDateTime.class)), rs.getString("raw_digest"));
    }

    /** The {@code aliases} attribute (a list of addresses) as the aliases column, or null. */
    static String aliasesOf(JsonNode attributes) {
        JsonNode aliases = attributes.get("aliases");
        if (aliases == null || !aliases.isArray() || aliases.isEmpty()) {
            return null;
        }
        List<String> addresses = new java.util.ArrayList<>();
        aliases.forEach(a -> {
            if (a.isString()) {
                addresses.add(a.asString());
            }
        });
        return IdentityAliases.column(addresses, 4000);
    }

    /** The lower-cased {@code email} attribute of an attributes object, or null. */
    static String emailOf(tools.jackson.databind.JsonNode attributes) {
        var email = attributes.get("email");
        return email == null || !email.isString() || email.asString().isBlank() ? null
                : email.asString().strip().toLowerCase(Locale.ROOT);
    }
}
