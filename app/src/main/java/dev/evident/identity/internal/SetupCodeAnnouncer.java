package dev.evident.identity.internal;

import dev.evident.shared.config.EvidentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Runs after bootstrap and demo seeding: if still nobody can sign in, prints the setup code. */
@Component
@Order(100)
class SetupCodeAnnouncer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SetupCodeAnnouncer.class);

    private final SetupService setup;
    private final Environment environment;
    private final EvidentProperties properties;

    SetupCodeAnnouncer(SetupService setup, Environment environment, EvidentProperties properties) {
        this.setup = setup;
        this.environment = environment;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        setup.issueCodeIfNeeded().ifPresent(code -> log.warn("""

                ==================================================================
                  Evident needs a first administrator.
                  Open   {}/setup
                  and enter the one-time setup code:   {}
                  (or restart with EVIDENT_BOOTSTRAP_ADMIN_EMAIL and
                   EVIDENT_BOOTSTRAP_ADMIN_PASSWORD set)
                ==================================================================""", baseUrl(), code));
    }

    private String baseUrl() {
        if (properties.publicUrl() != null && !properties.publicUrl().isBlank()) {
            return properties.publicUrl().replaceAll("/+$", "");
        }
        return "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }
}
