package dev.evident.catalog;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a control library YAML document into a validated {@link ControlLibrary}: the document and
 * its domains here, each control in {@link LibraryControlReader}. Checks that need the whole
 * document, such as unique ids, live here too.
 */
final class ControlLibraryReader {

    private static final Set<String> DOCUMENT_FIELDS = Set.of("id", "name", "version", "framework", "domains", "controls");
    private static final Set<String> DOMAIN_FIELDS = Set.of("id", "name", "idPrefixes");
    private static final Pattern ID_PREFIX = Pattern.compile("[A-Z]{2,3}");

    private final String file;
    private final Catalog catalog;

    private ControlLibraryReader(String file, Catalog catalog) {
        this.file = file;
        this.catalog = catalog;
    }

    static ControlLibrary read(String file, InputStream in, Catalog catalog) {
        return new ControlLibraryReader(file, catalog).read(in);
    }

    private ControlLibrary read(InputStream in) {
        YamlMap doc = YamlMap.of(SafeYaml.parse(file, in), at("document"));
        doc.allowOnly(DOCUMENT_FIELDS);
        String id = doc.text("id");
        String name = doc.text("name");
        String version = doc.text("version");
        Framework framework = framework(doc);
        List<ControlDomain> domains = readDomains(doc.list("domains", true));
        if (domains.isEmpty()) {
            throw doc.error("domains", "a library needs at least one domain");
        }
        List<LibraryControl> controls = readControls(doc.list("controls", true),
                new LibraryControlReader(file, domains, framework));
        if (controls.isEmpty()) {
            throw doc.error("controls", "a library needs at least one control");
        }
        return new ControlLibrary(id, name, version, framework.id(), domains, controls);
    }

    private Framework framework(YamlMap doc) {
        String frameworkId = doc.text("framework");
        return catalog.framework(frameworkId).orElseThrow(() -> doc.error("framework",
                "unknown framework '" + frameworkId + "'; the catalog has: "
                        + String.join(", ", catalog.frameworks().stream().map(Framework::id).toList())));
    }

    private List<ControlDomain> readDomains(List<?> items) {
        Map<String, ControlDomain> domains = new LinkedHashMap<>();
        Map<String, String> domainByPrefix = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            YamlMap fields = YamlMap.of(items.get(i), at("domain " + (i + 1)));
            fields.allowOnly(DOMAIN_FIELDS);
            ControlDomain domain = new ControlDomain(fields.text("id"), fields.text("name"), fields.texts("idPrefixes"));
            if (domains.putIfAbsent(domain.id(), domain) != null) {
                throw fields.error("id", "duplicate domain id '" + domain.id() + "'");
            }
            for (String prefix : domain.idPrefixes()) {
                if (!ID_PREFIX.matcher(prefix).matches()) {
                    throw fields.error("idPrefixes", "id prefix '" + prefix + "' must be two or three capital letters");
                }
                String owner = domainByPrefix.putIfAbsent(prefix, domain.id());
                if (owner != null) {
                    throw fields.error("idPrefixes", "id prefix '" + prefix + "' already belongs to domain '" + owner + "'");
                }
            }
        }
        return new ArrayList<>(domains.values());
    }

    private List<LibraryControl> readControls(List<?> items, LibraryControlReader controlReader) {
        List<LibraryControl> controls = new ArrayList<>();
        Map<String, Integer> positionById = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            int position = i + 1;
            LibraryControl control = controlReader.read(YamlMap.of(items.get(i), at("control " + position)));
            Integer earlier = positionById.putIfAbsent(control.id(), position);
            if (earlier != null) {
                throw new ControlLibraryException(file, control.id(), "id",
                        "field 'id' repeats the id of control " + earlier + " in this file; ids must be unique");
            }
            controls.add(control);
        }
        return controls;
    }

    /** Errors located by position, for mappings whose id is not known (yet). */
    private YamlMap.Locator at(String where) {
        return (field, problem) -> new ControlLibraryException(file, null, field, where + ": " + problem);
    }
}
