package dev.evident.identity.internal;

import dev.evident.shared.Timestamps;
import dev.evident.shared.crypto.SecretTokens;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.InvalidInputException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * First-run setup without bootstrap settings: a one-time code is printed to the log, and whoever
 * can read the log proves it on the setup page to create the first organization and admin. The
 * code's hash is kept in the database so that any node can check it.
 */
@Service
public class SetupService {

    static final String SETUP_CODE_KEY = "setup.code_hash";

    private final ProvisioningService provisioning;
    private final InstallationState state;
    private final LoginThrottle throttle;
    private final Clock clock;

    SetupService(ProvisioningService provisioning, InstallationState state, LoginThrottle throttle, Clock clock) {
        this.provisioning = provisioning;
        this.state = state;
        this.throttle = throttle;
        this.clock = clock;
    }

    public boolean setupRequired() {
        return !provisioning.anyUserExists();
    }

    /** Issues a fresh code (replacing any earlier one) and returns it for the log. */
    @Transactional
    public Optional<String> issueCodeIfNeeded() {
        if (!setupRequired()) {
            state.delete(SETUP_CODE_KEY);
            return Optional.empty();
        }
        String code = SecretTokens.humanCode(3);
        state.put(SETUP_CODE_KEY, SecretTokens.hash(code), Timestamps.now(clock));
        return Optional.of(code);
    }

    /** Creates the first organization and admin; returns the new user's id. */
    @Transactional
    public UUID complete(String code, String organizationName, String displayName, String email, String password,
                         String clientIp) {
        if (!setupRequired()) {
            throw new ConflictException("Evident is already set up: sign in instead");
        }
        if (!throttle.tryAcquire("setup:" + clientIp)) {
            throw new InvalidInputException("setupCode", "was tried too often; wait a minute");
        }
        String expected = state.get(SETUP_CODE_KEY).orElse(null);
        String presented = code == null ? "" : SecretTokens.hash(code.trim().toLowerCase());
        if (!SecretTokens.sameHash(expected, presented)) {
            throw new InvalidInputException("setupCode", "does not match the code printed in the Evident log");
        }
        provisioning.createOrganizationWithAdmin(organizationName, email, displayName, password, "setup");
        state.delete(SETUP_CODE_KEY);
        return provisioning.userIdByEmail(email).orElseThrow();
    }
}
