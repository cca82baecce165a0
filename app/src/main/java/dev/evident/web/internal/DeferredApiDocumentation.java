package dev.evident.web.internal;

import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Start-up is CPU-bound on small machines, and the OpenAPI tooling (springdoc, swagger-core and
 * the Jackson 2 stack it brings) is only needed when someone opens the API documentation. With
 * {@code spring.main.lazy-initialization=true} in application.yml, this filter keeps every other
 * bean eager, so only those beans wait for their first use and misconfiguration still fails at start.
 */
@Configuration(proxyBeanMethods = false)
class DeferredApiDocumentation {

    @Bean
    static LazyInitializationExcludeFilter onlyApiDocumentationIsLazy() {
        return (beanName, definition, beanType) -> !isOpenApiTooling(beanType);
    }

    static boolean isOpenApiTooling(Class<?> type) {
        String name = type.getName();
        return name.startsWith("org.springdoc.") || name.startsWith("io.swagger.");
    }
}
