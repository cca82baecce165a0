package dev.evident.identity.internal;

import dev.evident.identity.Provisioning;
import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.config.EvidentProperties.Bootstrap;
import dev.evident.shared.config.InvalidConfigurationException;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Role;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * On start: creates the first admin (and optional automation token) from the bootstrap settings.
 * Runs before demo seeding, so a bootstrap admin is always the installation's first account.
 */
@Component
@Order(10)
class FirstRun implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstRun.class);

    private final Provisioning provisioning;
    private final EvidentProperties properties;

    FirstRun(Provisioning provisioning, EvidentProperties properties) {
        this.provisioning = provisioning;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        Bootstrap bootstrap = properties.bootstrap();
        boolean hasEmail = notBlank(bootstrap.adminEmail());
        boolean hasPassword = notBlank(bootstrap.adminPassword());
        boolean hasToken = notBlank(bootstrap.adminToken());
        if (!hasEmail && !hasPassword && !hasToken) {
            return;
        }
        if (hasEmail != hasPassword) {
            throw new InvalidConfigurationException(hasEmail ? "EVIDENT_BOOTSTRAP_ADMIN_PASSWORD" : "EVIDENT_BOOTSTRAP_ADMIN_EMAIL",
                    "is missing", "Set both EVIDENT_BOOTSTRAP_ADMIN_EMAIL and EVIDENT_BOOTSTRAP_ADMIN_PASSWORD, or neither.");
        }
        if (hasToken && !hasEmail) {
            throw new InvalidConfigurationException("EVIDENT_BOOTSTRAP_ADMIN_TOKEN", "is set without an admin",
                    "Set EVIDENT_BOOTSTRAP_ADMIN_EMAIL and EVIDENT_BOOTSTRAP_ADMIN_PASSWORD as well.");
        }
        if (hasToken && bootstrap.adminToken().trim().length() < TokenService.MIN_BOOTSTRAP_LENGTH) {
            throw new InvalidConfigurationException("EVIDENT_BOOTSTRAP_ADMIN_TOKEN",
                    "is " + bootstrap.adminToken().trim().length() + " characters long",
                    "Use at least " + TokenService.MIN_BOOTSTRAP_LENGTH + " random characters, e.g. `openssl rand -hex 32`.");
        }
        if (!provisioning.anyUserExists()) {
            createAdmin(bootstrap);
        }
        if (hasToken) {
            registerToken(bootstrap);
        }
    }

    private void createAdmin(Bootstrap bootstrap) {
        try {
            provisioning.createOrganizationWithAdmin(bootstrap.organizationName(), bootstrap.adminEmail(),
                    displayName(bootstrap.adminEmail()), bootstrap.adminPassword(), "bootstrap");
            log.info("Created the first admin {} from EVIDENT_BOOTSTRAP_ADMIN_EMAIL", bootstrap.adminEmail());
        } catch (InvalidInputException e) {
            boolean email = e.errors().stream().anyMatch(f -> f.field().equals("email"));
            boolean organization = e.errors().stream().anyMatch(f -> f.field().equals("name"));
            String setting = email ? "EVIDENT_BOOTSTRAP_ADMIN_EMAIL"
                    : organization ? "EVIDENT_BOOTSTRAP_ORGANIZATION_NAME" : "EVIDENT_BOOTSTRAP_ADMIN_PASSWORD";
            String fix = email ? "Use a complete email address such as admin@example.com."
                    : organization ? "Use an organization name of 1 to 200 characters."
                    : "Use a password of at least 12 characters that is not a common password and does not contain the email.";
            throw new InvalidConfigurationException(setting, "is not acceptable: " + e.getMessage(), fix);
        } catch (DuplicateKeyException e) {
            log.info("Another node created the first admin concurrently; nothing to do");
        }
    }

    private void registerToken(Bootstrap bootstrap) {
        Optional<UUID> org = provisioning.firstOrganizationAdministeredBy(bootstrap.adminEmail());
        if (org.isEmpty()) {
            throw new InvalidConfigurationException("EVIDENT_BOOTSTRAP_ADMIN_EMAIL",
                    "(" + bootstrap.adminEmail() + ") is not an admin of any organization",
                    "Use the email of an existing admin, or remove EVIDENT_BOOTSTRAP_ADMIN_TOKEN.");
        }
        if (provisioning.registerToken(org.get(), "Bootstrap token", Role.ADMIN, bootstrap.adminToken().trim(), "bootstrap")) {
            log.info("Registered the admin API token from EVIDENT_BOOTSTRAP_ADMIN_TOKEN");
        }
    }

    private static String displayName(String email) {
        String local = email.trim().split("@")[0];
        return local.isEmpty() ? "Administrator" : Character.toUpperCase(local.charAt(0)) + local.substring(1);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
