package dev.evident.control.internal.ui;

import dev.evident.shared.security.Permission;
import dev.evident.shared.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ControlNavigation {

    @Bean
    NavigationItem controlsNavigation() {
        return new NavigationItem("Program", "Controls", "/controls", Permission.CONTROLS_READ, 20);
    }
}
