package dev.evident.integration.internal;

import dev.evident.connector.ConnectorRegistry;
import dev.evident.shared.web.NavigationItem;
import dev.evident.shared.security.Permission;
import dev.evident.shared.web.RequestBodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connectors on the class path, the wait between collector tries, the upload limit and the navigation entry. */
@Configuration(proxyBeanMethods = false)
class IntegrationConfiguration {

    @Bean
    ConnectorRegistry connectorRegistry() {
        return ConnectorRegistry.discover(IntegrationConfiguration.class.getClassLoader());
    }

    @Bean
    SyncPause syncPause() {
        return duration -> Thread.sleep(duration.toMillis());
    }

    @Bean
    static RequestBodyLimit connectionDocumentLimit(IntegrationProperties properties) {
        return new RequestBodyLimit(ConnectionApi.DOCUMENT_PATH, properties.maxDocumentSize() + 64 * 1024,
                "evident.integration.max-document-size");
    }

    @Bean
    static NavigationItem integrationsNavigation() {
        return new NavigationItem("Program", "Integrations", "/integrations", Permission.INTEGRATIONS_READ, 40);
    }
}
