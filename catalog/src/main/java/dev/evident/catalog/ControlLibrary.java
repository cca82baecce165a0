package dev.evident.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Evident's built-in control library: about a hundred controls, each mapped to criteria of one
 * framework of the {@link Catalog}. Read-only reference data, like the catalog; organizations adopt
 * copies and edit those.
 */
public final class ControlLibrary {

    public static final String BUILT_IN = "catalog/controls/evident-library.yaml";

    private final String id;
    private final String name;
    private final String version;
    private final String frameworkId;
    private final List<ControlDomain> domains;
    private final List<LibraryControl> controls;
    private final Map<String, LibraryControl> byId;

    ControlLibrary(String id, String name, String version, String frameworkId, List<ControlDomain> domains,
                   List<LibraryControl> controls) {
        this.id = Checks.notBlank(id, "library id");
        this.name = Checks.notBlank(name, "library name");
        this.version = Checks.notBlank(version, "library version");
        this.frameworkId = Checks.notBlank(frameworkId, "library framework");
        this.domains = List.copyOf(domains);
        this.controls = List.copyOf(controls);
        this.byId = this.controls.stream().collect(Collectors.toMap(
                LibraryControl::id, Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException("duplicate control id " + a.id());
                }, LinkedHashMap::new));
    }

    /** The library shipped with Evident, checked against the built-in catalog. */
    public static ControlLibrary loadBuiltIn() {
        return load(ControlLibrary.class.getClassLoader(), BUILT_IN, Catalog.loadBuiltIn());
    }

    /** Loads a library document from the class path; its criteria must exist in the given catalog. */
    public static ControlLibrary load(ClassLoader loader, String resource, Catalog catalog) {
        InputStream opened = loader.getResourceAsStream(resource);
        if (opened == null) {
            throw new CatalogException(resource, null, "not found on the class path");
        }
        try (InputStream in = opened) {
            return ControlLibraryReader.read(resource, in, catalog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    /** The catalog framework whose requirement ids the controls' criteria refer to. */
    public String frameworkId() {
        return frameworkId;
    }

    /** Every control, in document order (sorted by id in the shipped library). */
    public List<LibraryControl> controls() {
        return controls;
    }

    public Optional<LibraryControl> control(String controlId) {
        return Optional.ofNullable(byId.get(controlId));
    }

    /** The controls that help meet a criterion, in document order; empty for an unmapped or unknown id. */
    public List<LibraryControl> controlsFor(String criterionId) {
        return controls.stream().filter(c -> c.criteria().contains(criterionId)).toList();
    }

    /** The declared domains, in document order, including any that no control uses yet. */
    public List<ControlDomain> domains() {
        return domains;
    }

    public List<LibraryControl> controlsIn(String domainId) {
        return controls.stream().filter(c -> c.domain().equals(domainId)).toList();
    }
}
