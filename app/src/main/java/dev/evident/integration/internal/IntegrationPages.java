package dev.evident.integration.internal;

import dev.evident.connector.ConfigField;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.ConnectorFactory;
import dev.evident.integration.internal.ConnectionService.ConnectionDetails;
import dev.evident.integration.internal.ConnectionService.ConnectionInput;
import dev.evident.shared.Ids;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.web.FormErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Integrations pages: connections with their status, the connector picker, the connection form
 * rendered from the connector's schema (secrets as password inputs holding the mask), test, sync now,
 * document uploads, the inventory per type and the sync history.
 */
@Controller
class IntegrationPages {

    /** Form inputs for connector settings are named with this prefix, so they cannot clash with the form's own. */
    static final String SETTING = "setting.";

    /** One input of the connection form, with the value to show (the mask for a stored secret). */
    record FormField(ConfigField field, String value, String inputName) {
        public String kind() {
            return field.type().name();
        }
    }

    private final ConnectionService connections;

    IntegrationPages(ConnectionService connections) {
        this.connections = connections;
    }

    @GetMapping("/integrations")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    String list(Actor actor, Model model) {
        model.addAttribute("connections", connections.list(actor).stream()
                .map(d -> ConnectionViews.ConnectionView.of(d, connections.nextSync(d.connection().id()).orElse(null)))
                .toList());
        model.addAttribute("connectors", connections.connectors());
        model.addAttribute("canManage", actor.can(Permission.INTEGRATIONS_MANAGE));
        return "integrations/list";
    }

    @GetMapping("/integrations/new")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    String newConnection(@RequestParam(required = false) String connector, Model model) {
        if (connector == null || connector.isBlank()) {
            model.addAttribute("connectors", connections.connectors());
            return "integrations/picker";
        }
        ConnectorFactory factory = connections.connector(connector);
        formModel(model, factory, null, Map.of(), factory.displayName(), 60, true);
        return "integrations/form";
    }

    @PostMapping("/integrations/new")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    String create(Actor actor, @RequestParam String connector, @RequestParam Map<String, String> form, Model model,
                  RedirectAttributes redirect) {
        ConnectorFactory factory = connections.connector(connector);
        try {
            ConnectionDetails created = connections.create(actor, input(connector, form));
            redirect.addFlashAttribute("flash", "The connection was added. Test it, upload its documents if it needs any, "
                    + "and sync it now or wait for its first scheduled sync.");
            return "redirect:/integrations/" + created.connection().id();
        } catch (ProblemException e) {
            addErrors(model, e, factory);
            formModel(model, factory, null, settingsFrom(form), form.get("displayName"),
                    parseInt(form.get("syncIntervalMinutes")), "true".equals(form.get("enabled")));
            return "integrations/form";
        }
    }

    @GetMapping("/integrations/{connectionId}")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    String detail(Actor actor, @PathVariable String connectionId, Model model) {
        detailModel(actor, model, connections.get(actor, id(connectionId)), null);
        return "integrations/detail";
    }

    @PostMapping("/integrations/{connectionId}")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    String update(Actor actor, @PathVariable String connectionId, @RequestParam Map<String, String> form, Model model,
                  RedirectAttributes redirect) {
        UUID id = id(connectionId);
        ConnectionDetails current = connections.get(actor, id);
        try {
            connections.update(actor, id, input(null, form));
            redirect.addFlashAttribute("flash", "The connection was saved.");
            return "redirect:/integrations/" + id;
        } catch (ProblemException e) {
            addErrors(model, e, current.factory());
            detailModel(actor, model, current, form);
            return "integrations/detail";
        }
    }

    @PostMapping("/integrations/{connectionId}/test")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    String test(Actor actor, @PathVariable String connectionId, Model model,
                @RequestHeader(value = "HX-Request", required = false) String htmx) {
        UUID id = id(connectionId);
        ConnectionTestResult result = connections.test(actor, id);
        model.addAttribute("testResult", ConnectionViews.TestView.of(result));
        if (htmx != null) {
            return "integrations/detail :: testResult";
        }
        detailModel(actor, model, connections.get(actor, id), null);
        return "integrations/detail";
    }

    @PostMapping("/integrations/{connectionId}/sync")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    String sync(Actor actor, @PathVariable String connectionId, RedirectAttributes redirect) {
        UUID id = id(connectionId);
        try {
            if (connections.syncNow(actor, id)) {
                redirect.addFlashAttribute("flash", "The sync started. Reload this page to see its result in the history.");
            } else {
                redirect.addFlashAttribute("flashError", "A sync of this connection is running already.");
            }
        } catch (ProblemException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/integrations/" + id;
    }

    @PostMapping("/integrations/{connectionId}/documents/{field}")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    String upload(Actor actor, @PathVariable String connectionId, @PathVariable String field,
                  @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect) {
        UUID id = id(connectionId);
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("flashError", "Choose a file to upload.");
            return "redirect:/integrations/" + id;
        }
        try (InputStream in = file.getInputStream()) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, connections.maxDocumentSize() + 1));
            var document = connections.upload(actor, id, field, ConnectionApi.fileName(file.getOriginalFilename()), content);
            redirect.addFlashAttribute("flash", document.fileName() + " was uploaded; the next sync reads it.");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "redirect:/integrations/" + id;
    }

    @PostMapping("/integrations/{connectionId}/delete")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    String delete(Actor actor, @PathVariable String connectionId, RedirectAttributes redirect) {
        connections.delete(actor, id(connectionId));
        redirect.addFlashAttribute("flash", "The connection and its inventory were deleted.");
        return "redirect:/integrations";
    }

    private void detailModel(Actor actor, Model model, ConnectionDetails details, Map<String, String> submitted) {
        UUID id = details.connection().id();
        model.addAttribute("connection", ConnectionViews.ConnectionView.of(details, connections.nextSync(id).orElse(null)));
        model.addAttribute("canManage", actor.can(Permission.INTEGRATIONS_MANAGE));
        model.addAttribute("inventory", connections.inventory(actor, id));
        model.addAttribute("syncs", connections.syncs(actor, id, null, 20).stream().map(ConnectionViews.SyncView::of).toList());
        if (details.factory() != null) {
            Map<String, String> values = submitted == null ? details.maskedSettings() : settingsFrom(submitted);
            formModel(model, details.factory(), id, values,
                    submitted == null ? details.connection().displayName() : submitted.get("displayName"),
                    submitted == null ? (int) details.connection().syncInterval().toMinutes()
                            : parseInt(submitted.get("syncIntervalMinutes")),
                    submitted == null ? details.connection().enabled() : "true".equals(submitted.get("enabled")));
            model.addAttribute("fileFields", details.factory().configSchema().fields().stream()
                    .filter(f -> f.type() == dev.evident.connector.FieldType.FILE).toList());
        }
    }

    private static void formModel(Model model, ConnectorFactory factory, UUID connectionId, Map<String, String> values,
                                  String displayName, Integer interval, boolean enabled) {
        model.addAttribute("connector", factory);
        model.addAttribute("connectionId", connectionId);
        model.addAttribute("fields", factory.configSchema().fields().stream()
                .filter(f -> f.type() != dev.evident.connector.FieldType.FILE)
                .map(f -> new FormField(f, values.getOrDefault(f.name(), connectionId == null ? f.defaultValue() : null),
                        SETTING + f.name()))
                .toList());
        model.addAttribute("fileLabels", factory.configSchema().fields().stream()
                .filter(f -> f.type() == dev.evident.connector.FieldType.FILE).map(ConfigField::label).toList());
        model.addAttribute("displayName", displayName);
        model.addAttribute("syncIntervalMinutes", interval);
        model.addAttribute("enabled", enabled);
    }

    private static ConnectionInput input(String connector, Map<String, String> form) {
        Integer interval = form.containsKey("syncIntervalMinutes") ? parseInt(form.get("syncIntervalMinutes")) : null;
        if (form.containsKey("syncIntervalMinutes") && interval == null) {
            interval = -1; // not a number: the service names the field
        }
        return new ConnectionInput(connector, form.get("displayName"), settingsFrom(form), interval,
                "true".equals(form.get("enabled")));
    }

    private static Map<String, String> settingsFrom(Map<String, String> form) {
        Map<String, String> settings = new LinkedHashMap<>();
        form.forEach((key, value) -> {
            if (key.startsWith(SETTING)) {
                settings.put(key.substring(SETTING.length()), value);
            }
        });
        return settings;
    }

    /** Error fields "settings.x" are shown next to the input "setting.x"; their messages name the field already. */
    private static void addErrors(Model model, ProblemException e, ConnectorFactory factory) {
        Map<String, String> renames = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        if (factory != null) {
            for (ConfigField f : factory.configSchema().fields()) {
                renames.put("settings." + f.name(), SETTING + f.name());
                labels.put("settings." + f.name(), "");
            }
        }
        labels.put("displayName", "Name");
        labels.put("syncIntervalMinutes", "Sync interval (minutes)");
        FormErrors.add(model, e, renames, labels);
    }

    private static Integer parseInt(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static UUID id(String value) {
        return Ids.parseOrNotFound(value, "Connection");
    }
}
