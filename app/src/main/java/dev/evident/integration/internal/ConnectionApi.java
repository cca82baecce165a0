package dev.evident.integration.internal;

import dev.evident.integration.internal.ConnectionService.ConnectionDetails;
import dev.evident.integration.internal.ConnectionService.ConnectionInput;
import dev.evident.integration.internal.ConnectionViews.ConnectionView;
import dev.evident.integration.internal.ConnectionViews.ConnectorView;
import dev.evident.integration.internal.ConnectionViews.DocumentView;
import dev.evident.integration.internal.ConnectionViews.InventoryTypeView;
import dev.evident.integration.internal.ConnectionViews.LinkView;
import dev.evident.integration.internal.ConnectionViews.ResourceView;
import dev.evident.integration.internal.ConnectionViews.SyncView;
import dev.evident.integration.internal.ConnectionViews.TestView;
import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "Integrations", description = "Connectors, connections (credentials always masked), syncs, the inventory "
        + "and identity links")
class ConnectionApi {

    static final String DOCUMENT_PATH = "/api/v1/connections/*/documents/*";
    static final int DEFAULT_RESOURCES = 100;

    /**
     * Settings values may be strings, numbers or booleans. On update, a secret sent back as its mask (or left
     * out) is kept, a new value replaces it, an empty string removes it.
     */
    record ConnectionRequest(String connector, String displayName, Map<String, Object> settings,
                             Integer syncIntervalMinutes, Boolean enabled) {
        ConnectionInput input() {
            Map<String, String> values = null;
            if (settings != null) {
                values = new LinkedHashMap<>();
                for (var e : settings.entrySet()) {
                    Object v = e.getValue();
                    if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                        throw new InvalidInputException("settings." + e.getKey(), "must be a string, number or boolean");
                    }
                    values.put(e.getKey(), v == null ? null : v.toString());
                }
            }
            return new ConnectionInput(connector, displayName, values, syncIntervalMinutes, enabled);
        }
    }

    record SyncRequested(boolean scheduled, String message) {
    }

    record LinkRequest(UUID connectionId, String connector, String resourceType, String externalId, String personEmail) {
    }

    private final ConnectionService connections;
    private final InventoryReads inventory;
    private final IdentityLinks links;

    ConnectionApi(ConnectionService connections, InventoryReads inventory, IdentityLinks links) {
        this.connections = connections;
        this.inventory = inventory;
        this.links = links;
    }

    @GetMapping("/api/v1/connectors")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    @Operation(summary = "List the installed connectors", description = "Each with its settings schema: name, label, help, "
            + "type (TEXT, URL, SECRET, NUMBER, BOOLEAN, TEXTAREA, SELECT, FILE), required, secret, default, options")
    List<ConnectorView> connectors() {
        return connections.connectors().stream().map(ConnectorView::of).toList();
    }

    @GetMapping("/api/v1/connections")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    @Operation(summary = "List connections", description = "Secrets are masked; status is never_synced, ok, error or failing")
    List<ConnectionView> list(Actor actor) {
        return connections.list(actor).stream().map(this::view).toList();
    }

    @PostMapping("/api/v1/connections")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    @Operation(summary = "Add a connection", description = "connector, displayName (defaults to the connector's name), "
            + "settings (checked against the connector's schema; errors name settings.<field>), syncIntervalMinutes "
            + "(default 60), enabled (default true). The first sync runs one minute later, or now with /sync")
    ResponseEntity<ConnectionView> create(Actor actor, @RequestBody ConnectionRequest request) {
        ConnectionView view = view(connections.create(actor, request.input()));
        return ResponseEntity.created(URI.create("/api/v1/connections/" + view.id())).body(view);
    }

    @GetMapping("/api/v1/connections/{connectionId}")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    @Operation(summary = "Get a connection")
    ConnectionView get(Actor actor, @PathVariable String connectionId) {
        return view(connections.get(actor, id(connectionId)));
    }

    @PatchMapping("/api/v1/connections/{connectionId}")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    @Operation(summary = "Change a connection", description = "Fields left out are kept. In settings, a secret sent back "
            + "as its mask (or left out) is kept, a new value replaces it (rotation), an empty string removes it")
    ConnectionView update(Actor actor, @PathVariable String connectionId, @RequestBody ConnectionRequest request) {
        return view(connections.update(actor, id(connectionId), request.input()));
    }

    @DeleteMapping("/api/v1/connections/{connectionId}")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    @Operation(summary = "Delete a connection", description = "With its documents, sync history and inventory")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String connectionId) {
        connections.delete(actor, id(connectionId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/connections/{connectionId}/test")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    @Operation(summary = "Test a connection", description = "Runs the connector's named steps with the stored settings; "
            + "passed is true when every step passed")
    TestView test(Actor actor, @PathVariable String connectionId) {
        return TestView.of(connections.test(actor, id(connectionId)));
    }

    @PostMapping("/api/v1/connections/{connectionId}/sync")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    @Operation(summary = "Sync now", description = "Makes the sync due now (202); the result appears in /syncs. "
            + "409 when the connection is disabled or a sync of it is running")
    ResponseEntity<SyncRequested> sync(Actor actor, @PathVariable String connectionId) {
        if (!connections.syncNow(actor, id(connectionId))) {
            throw new ConflictException("A sync of this connection is running; its result will appear in the history");
        }
        return ResponseEntity.accepted().body(new SyncRequested(true, "The sync starts now"));
    }

    @GetMapping("/api/v1/connections/{connectionId}/syncs")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    @Operation(summary = "Sync history", description = "Newest first, in cursor pages (limit, cursor). status is running, "
            + "ok, partial (some resource types failed) or failed; typeCounts per collected type")
    Page<SyncView> syncs(Actor actor, @PathVariable String connectionId, @RequestParam(required = false) Integer limit,
                         @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        List<ConnectionStore.SyncRun> runs = connections.syncs(actor, id(connectionId), page.afterId(), page.fetchSize());
        return Page.of(runs, page, r -> r.id().toString()).map(SyncView::of);
    }

    @GetMapping("/api/v1/connections/{connectionId}/inventory")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    @Operation(summary = "Inventory per resource type", description = "Count, last successful collection, and the last "
            + "failure when it is more recent (stale=true: the resources are from before that failure)")
    List<InventoryTypeView> inventory(Actor actor, @PathVariable String connectionId) {
        return connections.inventory(actor, id(connectionId));
    }

    @GetMapping("/api/v1/connections/{connectionId}/resources")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    @Operation(summary = "Resources of a connection", description = "Optionally of one type; at most limit (default 100, "
            + "at most 1000), ordered by type and external id")
    List<ResourceView> resources(Actor actor, @PathVariable String connectionId, @RequestParam(required = false) String type,
                                 @RequestParam(required = false) Integer limit) {
        int max = limit == null ? 100 : Math.max(1, Math.min(1000, limit));
        return connections.resources(actor, id(connectionId), type == null || type.isBlank() ? null : type, max).stream()
                .map(ResourceView::of).toList();
    }

    @GetMapping("/api/v1/resources")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    @Operation(summary = "The inventory", description = "Current resources of the organization, optionally of one type "
            + "and one connection, a page at a time: limit (default 100, 1 to 1000) and the opaque cursor of the "
            + "previous page's nextCursor; ordered by type, connection and external id; q keeps resources whose display "
            + "name, external id or email contains it (any case). personEmail is the person the "
            + "account belongs to (identity link, else its email attribute)")
    Page<ResourceView> inventoryResources(Actor actor, @RequestParam(required = false) String type,
                                          @RequestParam(required = false) String connection,
                                          @RequestParam(required = false) String q,
                                          @RequestParam(required = false) Integer limit,
                                          @RequestParam(required = false) String cursor) {
        UUID connectionId = null;
        if (connection != null && !connection.isBlank()) {
            try {
                connectionId = UUID.fromString(connection.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("connection", "must be a connection id");
            }
        }
        PageRequest page = PageRequest.of(limit == null ? DEFAULT_RESOURCES : limit, cursor);
        return inventory.search(actor, type == null || type.isBlank() ? null : type.strip(), connectionId,
                        q == null || q.isBlank() ? null : q.strip(), page)
                .map(ResourceView::of);
    }

    @PostMapping("/api/v1/connections/{connectionId}/documents/{field}")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    @Operation(summary = "Upload the document of a FILE setting", description = "multipart/form-data with a 'file' part, "
            + "at most evident.integration.max-document-size (10 MB). Replaces the previous document; collectors read it "
            + "at the next sync")
    ResponseEntity<DocumentView> upload(Actor actor, @PathVariable String connectionId, @PathVariable String field,
                                        @RequestParam(name = "file", required = false) MultipartFile file) {
        UUID id = id(connectionId);
        connections.get(actor, id); // another organization's connection is not found, whatever was sent
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("file", "is required: a multipart part named 'file'");
        }
        byte[] content;
        try (InputStream in = file.getInputStream()) {
            content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, connections.maxDocumentSize() + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var document = connections.upload(actor, id, field, fileName(file.getOriginalFilename()), content);
        return ResponseEntity.status(201).body(DocumentView.of(document));
    }

    @GetMapping("/api/v1/identity-links")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    @Operation(summary = "List identity links", description = "Manual links of accounts to people, newest first")
    List<LinkView> links(Actor actor) {
        return links.list(actor).stream().map(LinkView::of).toList();
    }

    @PostMapping("/api/v1/identity-links")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    @Operation(summary = "Link an account to a person", description = "connectionId (one connection's account) or connector "
            + "(that account in every connection of the connector), resourceType, externalId, personEmail. Overrides the "
            + "account's own email attribute")
    ResponseEntity<LinkView> link(Actor actor, @RequestBody LinkRequest request) {
        var link = links.create(actor, new IdentityLinks.LinkInput(request.connectionId(), request.connector(),
                request.resourceType(), request.externalId(), request.personEmail()));
        return ResponseEntity.created(URI.create("/api/v1/identity-links/" + link.id())).body(LinkView.of(link));
    }

    @DeleteMapping("/api/v1/identity-links/{linkId}")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    @Operation(summary = "Delete an identity link")
    ResponseEntity<Void> unlink(Actor actor, @PathVariable String linkId) {
        links.delete(actor, Ids.parseOrNotFound(linkId, "Identity link"));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/identity-links/unlinked")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    @Operation(summary = "Accounts not joined to a person", description = "Resources with an email attribute that is "
            + "empty and no identity link; optionally of one type")
    List<ResourceView> unlinked(Actor actor, @RequestParam(required = false) String type) {
        return links.unlinked(actor, type).stream().map(ResourceView::of).toList();
    }

    /** A person with every account they hold across connections, for offboarding reviews and scripts. */
    record PersonView(String email, String name, boolean inRoster, String rosterStatus, java.time.LocalDate endDate,
                      List<PersonAccountView> accounts, List<PersonAccountView> activeAfterLeaving) {

        static PersonView of(PeopleView.Person p) {
            return new PersonView(p.email(), p.name(), p.inRoster(), p.rosterStatus(), p.endDate(),
                    p.accounts().stream().map(PersonAccountView::of).toList(),
                    p.accessAfterLeaving().stream().map(PersonAccountView::of).toList());
        }
    }

    /** One account of a person; {@code joinedBy} is email, alias or link; null facts are not reported by the system. */
    record PersonAccountView(UUID connectionId, String connectionName, String connector, String resourceType,
                             String externalId, String name, String email, String joinedBy, String status, Boolean active,
                             Boolean mfa, boolean admin, java.time.Instant lastSeen) {

        static PersonAccountView of(PeopleView.Account a) {
            return new PersonAccountView(a.connectionId(), a.connectionName(), a.connector(), a.type(), a.externalId(),
                    a.name(), a.ownEmail(), a.joinedBy().name().toLowerCase(java.util.Locale.ROOT), a.statusLabel(),
                    a.active(), a.mfa(), a.admin(), a.lastSeen());
        }
    }

    @GetMapping("/api/v1/people")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    @Operation(summary = "A person's accounts across systems", description = "The person an email (or an alias of it) "
            + "names: the HR roster's status and end date and every account joined to them, with how it was joined, its "
            + "status, MFA, admin and last sign-in where the system reports them, and the accounts still active after "
            + "the end date. 404 when no account or roster entry is joined to the email")
    PersonView person(Actor actor, @RequestParam(required = false) String email) {
        Map<UUID, String> names = new java.util.HashMap<>();
        connections.list(actor).forEach(d -> names.put(d.connection().id(), d.connection().displayName()));
        return PersonView.of(links.person(actor, email, names));
    }

    private ConnectionView view(ConnectionDetails d) {
        return ConnectionView.of(d, connections.nextSync(d.connection().id()).orElse(null));
    }

    private static UUID id(String value) {
        return Ids.parseOrNotFound(value, "Connection");
    }

    static String fileName(String original) {
        if (original == null) {
            return null;
        }
        String name = original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }
}
