package dev.evident.catalog;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Parses catalog YAML into plain maps, lists and scalars: SafeConstructor never builds arbitrary
 * classes, and duplicate keys are an error because the second one would silently win.
 */
final class SafeYaml {

    private SafeYaml() {
    }

    static Object parse(String file, InputStream in) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new SafeConstructor(options)).load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw new CatalogException(file, null, "not valid YAML: " + e.getMessage(), e);
        }
    }
}
