package dev.evident.monitoring.internal;

import dev.evident.catalog.ControlLibrary;
import dev.evident.monitoring.internal.CheckDefinition.Severity;
import dev.evident.shared.problem.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The checks Evident ships ({@code monitoring/checks.yaml}), read, validated against the control
 * library and compiled on first use: compiling them at start-up loaded the whole CEL toolchain into
 * every node before anything needed it (about a second of start-up and 90 MiB of idle memory).
 * {@code BuiltInChecksTest} compiles and evaluates every one of them in the build, so a broken
 * built-in check cannot ship.
 */
@Component
public class BuiltInChecks {

    static final String RESOURCE = "monitoring/checks.yaml";

    private final java.util.function.Supplier<List<CheckDefinition>> definitions;
    private final ControlLibrary library;
    private final CheckCompiler compiler;
    private volatile Map<String, CheckDefinition> byKey;

    @org.springframework.beans.factory.annotation.Autowired
    BuiltInChecks(ControlLibrary library, CheckCompiler compiler) {
        this(() -> read(RESOURCE), library, compiler);
    }

    BuiltInChecks(java.util.function.Supplier<List<CheckDefinition>> definitions, ControlLibrary library,
                  CheckCompiler compiler) {
        this.definitions = definitions;
        this.library = library;
        this.compiler = compiler;
    }

    private Map<String, CheckDefinition> byKey() {
        Map<String, CheckDefinition> loaded = byKey;
        if (loaded == null) {
            synchronized (this) {
                if (byKey == null) {
                    byKey = load();
                }
                loaded = byKey;
            }
        }
        return loaded;
    }

    private Map<String, CheckDefinition> load() {
        Map<String, CheckDefinition> map = new LinkedHashMap<>();
        for (CheckDefinition d : definitions.get()) {
            try {
                CheckRules.validate(d, id -> library.control(id).isPresent(), compiler);
            } catch (InvalidInputException e) {
                throw new IllegalStateException(RESOURCE + ": check " + d.key() + ": " + e.getMessage(), e);
            }
            if (map.put(d.key(), d) != null) {
                throw new IllegalStateException(RESOURCE + ": check key " + d.key() + " is used twice");
            }
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    public List<CheckDefinition> all() {
        return List.copyOf(byKey().values());
    }

    public CheckDefinition get(String key) {
        return byKey().get(key);
    }

    static List<CheckDefinition> read(String resource) {
        InputStream in = BuiltInChecks.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the class path");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object doc;
        try (InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            doc = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(doc instanceof Map<?, ?> root) || !(root.get("checks") instanceof List<?> checks)) {
            throw new IllegalStateException(resource + " must hold a list under 'checks'");
        }
        List<CheckDefinition> out = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            if (!(checks.get(i) instanceof Map<?, ?> c)) {
                throw new IllegalStateException(resource + ": checks[" + i + "] is not a mapping");
            }
            out.add(definition(c));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static CheckDefinition definition(Map<?, ?> c) {
        List<CheckJoin> joins = new ArrayList<>();
        if (c.get("joins") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> j = (Map<?, ?>) o;
                joins.add(new CheckJoin(str(j.get("as")), str(j.get("type")), str(j.get("on")), str(j.get("key")),
                        str(j.get("resourceKey"))));
            }
        }
        Map<String, Object> params = c.get("parameters") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        List<String> controls = c.get("controls") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        String expression = str(c.get("expression"));
        return new CheckDefinition(str(c.get("key")), str(c.get("title")), str(c.get("description")),
                str(c.get("resourceType")), expression == null ? null : expression.strip(),
                Severity.parse(str(c.get("severity"))), controls, str(c.get("remediation")), params, joins);
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
