package dev.evident.identity.internal;

import dev.evident.identity.IdentityEvents.SignInFailed;
import dev.evident.identity.IdentityEvents.UserSignedIn;
import dev.evident.identity.IdentityEvents.UserSignedOut;
import dev.evident.identity.internal.Users.UserAccount;
import dev.evident.shared.Timestamps;
import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.crypto.SecretBox;
import dev.evident.shared.crypto.SecretTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password and second-factor checks with throttling and lockout. Unknown emails cost the same
 * password-hash time as known ones, so response time does not reveal which accounts exist.
 */
@Service
public class SignInService {

    private static final Logger log = LoggerFactory.getLogger(SignInService.class);

    public sealed interface Outcome {
    }

    public record Succeeded(UserAccount user, boolean secondFactorRequired) implements Outcome {
    }

    public record Refused(String message) implements Outcome {
    }

    public static final String WRONG_CREDENTIALS = "Wrong email or password.";
    public static final String THROTTLED = "Too many sign-in attempts. Wait a minute and try again.";

    private final Users users;
    private final Memberships memberships;
    private final RecoveryCodes recoveryCodes;
    private final PasswordEncoder passwordEncoder;
    private final SecretBox secretBox;
    private final LoginThrottle throttle;
    private final ApplicationEventPublisher events;
    private final EvidentProperties properties;
    private final Clock clock;
    private volatile String dummyHash;

    SignInService(Users users, Memberships memberships, RecoveryCodes recoveryCodes, PasswordEncoder passwordEncoder,
                  SecretBox secretBox, LoginThrottle throttle, ApplicationEventPublisher events,
                  EvidentProperties properties, Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.recoveryCodes = recoveryCodes;
        this.passwordEncoder = passwordEncoder;
        this.secretBox = secretBox;
        this.throttle = throttle;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Compared against for unknown emails, so they cost as much time as known ones. Made on first use. */
    private String dummyHash() {
        if (dummyHash == null) {
            dummyHash = passwordEncoder.encode("dummy password used to equalize timing");
        }
        return dummyHash;
    }

    @Transactional
    public Outcome checkPassword(String rawEmail, String password, String clientIp) {
        String email = Emails.normalize(rawEmail);
        if (!throttle.tryAcquire("ip:" + clientIp, "email:" + email)) {
            log.warn("Sign-in throttled for {} from {}", email, clientIp);
            return new Refused(THROTTLED);
        }
        Optional<UserAccount> found = users.findByEmail(email);
        if (found.isEmpty()) {
            passwordEncoder.matches(password == null ? "" : password, dummyHash());
            log.info("Sign-in failed for unknown email {} from {}", email, clientIp);
            // Unknown addresses "lock" exactly like real ones, so the lockout message does not tell
            // an attacker which emails have accounts.
            return new Refused(throttle.unknownAccountLocked(email, properties.signIn().maxFailures(),
                    properties.signIn().lockout()) ? lockedMessage(properties.signIn().lockout()) : WRONG_CREDENTIALS);
        }
        UserAccount user = found.get();
        Instant now = Timestamps.now(clock);
        if (user.lockedUntil() != null && now.isBefore(user.lockedUntil())) {
            passwordEncoder.matches(password == null ? "" : password, dummyHash());
            fail(user, clientIp, "account locked");
            return new Refused(lockedMessage(Duration.between(now, user.lockedUntil())));
        }
        if (password == null || !passwordEncoder.matches(password, user.passwordHash())) {
            boolean lock = countFailure(user, now);
            fail(user, clientIp, lock ? "wrong password; account locked for " + properties.signIn().lockout().toMinutes()
                    + " minutes" : "wrong password");
            return new Refused(lock ? lockedMessage(properties.signIn().lockout()) : WRONG_CREDENTIALS);
        }
        if (user.totpEnabled()) {
            return new Succeeded(user, true);
        }
        complete(user, clientIp, "password");
        return new Succeeded(user, false);
    }

    /**
     * Second step: a current TOTP code or an unused recovery code. Wrong codes count towards the
     * same lockout as wrong passwords, so the second factor cannot be guessed either.
     */
    @Transactional
    public Outcome checkSecondFactor(UUID userId, String code, String clientIp) {
        UserAccount user = users.find(userId).orElse(null);
        if (user == null || !user.totpEnabled()) {
            return new Refused("Your sign-in expired. Start again.");
        }
        if (!throttle.tryAcquire("ip:" + clientIp, "2fa:" + userId)) {
            return new Refused(THROTTLED);
        }
        Instant now = Timestamps.now(clock);
        if (user.lockedUntil() != null && now.isBefore(user.lockedUntil())) {
            fail(user, clientIp, "account locked");
            return new Refused(lockedMessage(Duration.between(now, user.lockedUntil())));
        }
        String trimmed = code == null ? "" : code.trim().toLowerCase();
        // Recovery codes are checked first and need no decryption: they must work even if the
        // TOTP seed cannot be read (for example after the secret key file was lost).
        if (trimmed.contains("-") && recoveryCodes.consume(userId, SecretTokens.hash(trimmed), now)) {
            complete(user, clientIp, "password+recovery_code");
            return new Succeeded(user, false);
        }
        long step = matchingStep(user, trimmed);
        if (step >= 0 && users.advanceTotpStep(userId, step)) {
            complete(user, clientIp, "password+totp");
            return new Succeeded(user, false);
        }
        boolean locked = countFailure(user, now);
        fail(user, clientIp, locked ? "wrong second-factor code; account locked" : "wrong second-factor code");
        return new Refused(locked ? lockedMessage(properties.signIn().lockout())
                : "That code is not valid. Enter the current 6-digit code from your app, or a recovery code.");
    }

    private long matchingStep(UserAccount user, String code) {
        try {
            return Totp.matchingStep(secretBox.decrypt(user.totpSecret()), code, clock);
        } catch (IllegalStateException e) {
            log.error("Cannot read the TOTP seed of {}: {}. Use a recovery code, or restore the secret key file.",
                    user.email(), e.getMessage());
            return -1;
        }
    }

    /** Counts a failed attempt; returns true when this failure locks the account. */
    private boolean countFailure(UserAccount user, Instant now) {
        int failures = user.failedSignIns() + 1;
        boolean lock = failures >= properties.signIn().maxFailures();
        users.recordFailure(user.id(), lock ? 0 : failures, lock ? now.plus(properties.signIn().lockout()) : null, now);
        return lock;
    }

    /** Records a sign-in that completed outside the password form (first-run setup, a new account from an invitation). */
    @Transactional
    public void recordCompletedSignIn(UUID userId, String clientIp, String method) {
        users.find(userId).ifPresent(user -> complete(user, clientIp, method));
    }

    @Transactional
    public void signedOut(UUID userId, String clientIp) {
        users.find(userId).ifPresent(user -> events.publishEvent(
                new UserSignedOut(userId, user.email(), memberships.orgIdsOf(userId), clientIp, false, 1)));
    }

    private void complete(UserAccount user, String clientIp, String method) {
        users.recordSuccess(user.id(), Timestamps.now(clock));
        throttle.reset("email:" + user.email());
        events.publishEvent(new UserSignedIn(user.id(), user.email(), memberships.orgIdsOf(user.id()), clientIp, method));
    }

    private void fail(UserAccount user, String clientIp, String reason) {
        events.publishEvent(new SignInFailed(user.id(), user.email(), memberships.orgIdsOf(user.id()), clientIp, reason));
    }

    private static String lockedMessage(Duration remaining) {
        long minutes = Math.max(1, (remaining.toSeconds() + 59) / 60);
        return "This account is locked after repeated failed sign-ins. Try again in " + minutes
                + (minutes == 1 ? " minute." : " minutes.");
    }
}
