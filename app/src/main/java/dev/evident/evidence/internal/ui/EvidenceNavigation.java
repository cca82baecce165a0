package dev.evident.evidence.internal.ui;

import dev.evident.shared.security.Permission;
import dev.evident.shared.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EvidenceNavigation {

    @Bean
    NavigationItem evidenceLibraryNavigation() {
        return new NavigationItem("Program", "Evidence", "/evidence", Permission.EVIDENCE_READ, 30);
    }
}
