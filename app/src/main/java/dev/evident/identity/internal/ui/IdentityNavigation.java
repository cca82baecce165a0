package dev.evident.identity.internal.ui;

import dev.evident.shared.security.Permission;
import dev.evident.shared.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdentityNavigation {

    @Bean
    NavigationItem membersNavigation() {
        return new NavigationItem("Organization", "Members", "/members", Permission.MEMBERS_READ, 10);
    }

    @Bean
    NavigationItem invitationsNavigation() {
        return new NavigationItem("Organization", "Invitations", "/invitations", Permission.INVITATIONS_MANAGE, 20);
    }

    @Bean
    NavigationItem tokensNavigation() {
        return new NavigationItem("Organization", "API tokens", "/tokens", Permission.TOKENS_MANAGE, 30);
    }

    @Bean
    NavigationItem settingsNavigation() {
        return new NavigationItem("Organization", "Settings", "/settings", Permission.ORGANIZATION_MANAGE, 50);
    }
}
