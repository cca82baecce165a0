package dev.evident.framework.internal;

import dev.evident.catalog.Catalog;
import dev.evident.catalog.ControlLibrary;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The read-only reference data shipped in the catalog module, loaded once per process. */
@Configuration(proxyBeanMethods = false)
class ReferenceDataConfiguration {

    @Bean
    Catalog referenceCatalog() {
        return Catalog.loadBuiltIn();
    }

    @Bean
    ControlLibrary controlLibrary(Catalog catalog) {
        return ControlLibrary.load(ControlLibrary.class.getClassLoader(), ControlLibrary.BUILT_IN, catalog);
    }
}
