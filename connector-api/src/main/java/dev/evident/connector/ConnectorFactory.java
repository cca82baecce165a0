package dev.evident.connector;

/**
 * Entry point of a connector (GitHub, HR roster, AWS, Okta, ...), found with
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.evident.connector.ConnectorFactory}. Implementations need a
 * public no-argument constructor and must be stateless.
 */
public interface ConnectorFactory {

    /**
     * Stable slug such as {@code "github"} or {@code "hr-roster-csv"}; stored with every connection
     * and resource, so it must never change once released.
     */
    String name();

    String displayName();

    /** One or two sentences for the connector picker: what is collected and why it matters. */
    String description();

    ConfigSchema configSchema();

    /**
     * Builds a connector for one configured connection. Must not contact the remote system (that is
     * what {@link Testable#testConnection()} and collection are for), so it is cheap and offline.
     *
     * @throws InvalidConfigException when a required setting is missing or unusable, naming the field
     */
    Connector create(ConnectorConfig config);
}
