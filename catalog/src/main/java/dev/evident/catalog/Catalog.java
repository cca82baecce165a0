package dev.evident.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference frameworks shipped with Evident. Read-only: the app syncs from it on upgrade,
 * users never edit it.
 */
public final class Catalog {

    /** Lists the framework documents, because a class path cannot be listed portably. */
    public static final String BUILT_IN_INDEX = "catalog/frameworks/index.txt";

    private final List<Framework> frameworks;
    private final Map<String, FrameworkIndex> indexes = new HashMap<>();

    private Catalog(List<Framework> frameworks) {
        this.frameworks = List.copyOf(frameworks);
        this.frameworks.forEach(f -> indexes.put(f.id(), new FrameworkIndex(f)));
    }

    public static Catalog loadBuiltIn() {
        return load(Catalog.class.getClassLoader(), BUILT_IN_INDEX);
    }

    /**
     * Loads every document named in an index resource; names are relative to the index's folder.
     * Blank lines and lines starting with '#' are ignored.
     */
    public static Catalog load(ClassLoader loader, String indexResource) {
        String folder = indexResource.contains("/")
                ? indexResource.substring(0, indexResource.lastIndexOf('/') + 1) : "";
        List<Framework> frameworks = new ArrayList<>();
        Map<String, String> fileById = new HashMap<>();
        for (String name : readIndex(loader, indexResource)) {
            String file = folder + name;
            Framework framework = readFramework(loader, indexResource, file);
            String earlier = fileById.putIfAbsent(framework.id(), file);
            if (earlier != null) {
                throw new CatalogException(file, null, "framework id '" + framework.id()
                        + "' is already used by " + earlier);
            }
            frameworks.add(framework);
        }
        return new Catalog(frameworks);
    }

    public List<Framework> frameworks() {
        return frameworks;
    }

    public Optional<Framework> framework(String id) {
        return frameworks.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** Fast lookups into a framework; empty for an unknown id. */
    public Optional<FrameworkIndex> index(String frameworkId) {
        return Optional.ofNullable(indexes.get(frameworkId));
    }

    private static List<String> readIndex(ClassLoader loader, String indexResource) {
        List<String> names = new ArrayList<>();
        try (InputStream in = open(loader, indexResource, indexResource, "index not found on the class path");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + indexResource, e);
        }
        return names;
    }

    private static Framework readFramework(ClassLoader loader, String indexResource, String file) {
        try (InputStream in = open(loader, file, indexResource, "listed as " + file + " but not on the class path")) {
            return FrameworkReader.read(file, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static InputStream open(ClassLoader loader, String resource, String reportAs, String problem) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new CatalogException(reportAs, null, problem);
        }
        return in;
    }
}
