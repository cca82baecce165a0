package dev.evident.identity.internal;

import dev.evident.shared.config.EvidentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs after bootstrap and demo seeding and tells the operator where to go: the setup page and its
 * one-time code while nobody can sign in yet, otherwise the sign-in page.
 */
@Component
@Order(100)
class ReadyAnnouncer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReadyAnnouncer.class);

    private final SetupService setup;
    private final Environment environment;
    private final EvidentProperties properties;

    ReadyAnnouncer(SetupService setup, Environment environment, EvidentProperties properties) {
        this.setup = setup;
        this.environment = environment;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        var code = setup.issueCodeIfNeeded();
        if (code.isEmpty()) {
            log.info("Evident is ready: open {}/login and sign in", baseUrl());
            return;
        }
        code.ifPresent(c -> log.warn("""

                ==================================================================
                  Evident needs a first administrator.
                  Open   {}/setup
                  and enter the one-time setup code:   {}
                  (or restart with EVIDENT_BOOTSTRAP_ADMIN_EMAIL and
                   EVIDENT_BOOTSTRAP_ADMIN_PASSWORD set)
                ==================================================================""", baseUrl(), c));
    }

    private String baseUrl() {
        if (properties.publicUrl() != null && !properties.publicUrl().isBlank()) {
            return properties.publicUrl().replaceAll("/+$", "");
        }
        return "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }
}
