package dev.evident.connector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/** The connectors available at runtime, found once at startup. */
public final class ConnectorRegistry {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final List<ConnectorFactory> factories;

    private ConnectorRegistry(List<ConnectorFactory> factories) {
        this.factories = factories;
    }

    /** Finds every {@link ConnectorFactory} listed in {@code META-INF/services} visible to the loader. */
    public static ConnectorRegistry discover(ClassLoader loader) {
        List<ConnectorFactory> found = new ArrayList<>();
        try {
            ServiceLoader.load(ConnectorFactory.class, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load a connector: " + e.getMessage(), e);
        }
        return of(found);
    }

    public static ConnectorRegistry of(Collection<? extends ConnectorFactory> factories) {
        Map<String, ConnectorFactory> byName = new HashMap<>();
        for (ConnectorFactory factory : factories) {
            String name = factory.name();
            if (!isValidName(name)) {
                throw new IllegalStateException("connector " + factory.getClass().getName() + " has name '" + name
                        + "'; names must be lowercase slugs like 'github' or 'hr-roster-csv'");
            }
            ConnectorFactory other = byName.putIfAbsent(name, factory);
            if (other != null) {
                throw new IllegalStateException("two connectors are named '" + name + "': "
                        + other.getClass().getName() + " and " + factory.getClass().getName()
                        + "; remove one of them from the class path");
            }
        }
        List<ConnectorFactory> sorted = new ArrayList<>(byName.values());
        sorted.sort(Comparator.comparing(ConnectorFactory::name));
        return new ConnectorRegistry(List.copyOf(sorted));
    }

    /** A lowercase slug: letters and digits in groups joined by single hyphens. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** All connectors, sorted by name. */
    public List<ConnectorFactory> factories() {
        return factories;
    }

    public Optional<ConnectorFactory> find(String name) {
        return factories.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
