package dev.evident.identity.internal;

import dev.evident.identity.IdentityEvents.AccountChanged;
import dev.evident.identity.IdentityEvents.UserSignedOut;
import dev.evident.identity.internal.Users.UserAccount;
import dev.evident.shared.Timestamps;
import dev.evident.shared.audit.AuditRecord;
import dev.evident.shared.crypto.SecretBox;
import dev.evident.shared.crypto.SecretTokens;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.problem.ProblemException.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user's own account: profile, password, second factor, sessions. */
@Service
public class AccountService {

    public static final int RECOVERY_CODE_COUNT = 10;

    /** A TOTP enrolment in progress: the secret is only stored once the user proves their app has it. */
    public record TotpEnrollment(String secret, String otpauthUri) implements java.io.Serializable {
    }

    private final Users users;
    private final Memberships memberships;
    private final RecoveryCodes recoveryCodes;
    private final PasswordPolicy passwordPolicy;
    private final PasswordEncoder passwordEncoder;
    private final SecretBox secretBox;
    private final SessionRevoker sessions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountService(Users users, Memberships memberships, RecoveryCodes recoveryCodes, PasswordPolicy passwordPolicy,
                   PasswordEncoder passwordEncoder, SecretBox secretBox, SessionRevoker sessions,
                   ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.recoveryCodes = recoveryCodes;
        this.passwordPolicy = passwordPolicy;
        this.passwordEncoder = passwordEncoder;
        this.secretBox = secretBox;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    public UserAccount get(UUID userId) {
        return users.find(userId).orElseThrow(() -> new NotFoundException("User"));
    }

    public int remainingRecoveryCodes(UUID userId) {
        return recoveryCodes.remaining(userId);
    }

    @Transactional
    public void rename(UUID userId, String displayName, String clientIp) {
        UserAccount user = get(userId);
        String name = displayName == null ? "" : displayName.trim();
        if (name.isEmpty() || name.length() > 200) {
            throw new InvalidInputException("displayName", name.isEmpty() ? "is required" : "must be at most 200 characters");
        }
        if (!name.equals(user.displayName())) {
            users.updateDisplayName(userId, name, Timestamps.now(clock));
            audit(user, clientIp, "account.renamed", Map.of("displayName", AuditRecord.change(user.displayName(), name)));
        }
    }

    /** Changes the password and ends the user's other sessions (a stolen session dies with the old password). */
    @Transactional
    public void changePassword(UUID userId, String currentPassword, String newPassword, String keepSessionId,
                               String clientIp) {
        UserAccount user = get(userId);
        List<FieldError> errors = new ArrayList<>();
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.passwordHash())) {
            errors.add(new FieldError("currentPassword", "is not your current password"));
        }
        passwordPolicy.problems(newPassword, user.email()).forEach(p -> errors.add(new FieldError("newPassword", p)));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        users.updatePassword(userId, passwordEncoder.encode(newPassword), Timestamps.now(clock));
        int ended = sessions.endSessions(userId, keepSessionId);
        audit(user, clientIp, "account.password_changed", Map.of("otherSessionsEnded", ended));
    }

    public TotpEnrollment startTotpEnrollment(UUID userId) {
        UserAccount user = get(userId);
        if (user.totpEnabled()) {
            throw new ConflictException("Two-factor authentication is already on; turn it off first to re-enrol");
        }
        String secret = Totp.newSecret();
        return new TotpEnrollment(secret, Totp.otpauthUri("Evident", user.email(), secret));
    }

    /** Confirms enrolment with a code from the app; returns the recovery codes, shown once. */
    @Transactional
    public List<String> confirmTotp(UUID userId, String secret, String code, String clientIp) {
        UserAccount user = get(userId);
        if (user.totpEnabled()) {
            throw new ConflictException("Two-factor authentication is already on");
        }
        long step = Totp.matchingStep(secret, code, clock);
        if (step < 0) {
            throw new InvalidInputException("code", "does not match: check the time on your phone and enter the current code");
        }
        users.updateTotp(userId, secretBox.encrypt(secret), true, Timestamps.now(clock));
        users.advanceTotpStep(userId, step);
        List<String> codes = newRecoveryCodes(userId);
        audit(user, clientIp, "account.two_factor_enabled", Map.of("recoveryCodes", codes.size()));
        return codes;
    }

    @Transactional
    public void disableTotp(UUID userId, String password, String clientIp) {
        UserAccount user = get(userId);
        if (password == null || !passwordEncoder.matches(password, user.passwordHash())) {
            throw new InvalidInputException("password", "is not your current password");
        }
        users.updateTotp(userId, null, false, Timestamps.now(clock));
        recoveryCodes.deleteAll(userId);
        audit(user, clientIp, "account.two_factor_disabled", Map.of());
    }

    @Transactional
    public List<String> regenerateRecoveryCodes(UUID userId, String clientIp) {
        UserAccount user = get(userId);
        if (!user.totpEnabled()) {
            throw new ConflictException("Turn on two-factor authentication first");
        }
        List<String> codes = newRecoveryCodes(userId);
        audit(user, clientIp, "account.recovery_codes_regenerated", Map.of("recoveryCodes", codes.size()));
        return codes;
    }

    /** Ends every session of the user on every node, including the current one. */
    @Transactional
    public int signOutEverywhere(UUID userId, String clientIp) {
        UserAccount user = get(userId);
        int ended = sessions.endSessions(userId, null);
        events.publishEvent(new UserSignedOut(userId, user.email(), memberships.orgIdsOf(userId), clientIp, true, ended));
        return ended;
    }

    private List<String> newRecoveryCodes(UUID userId) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODE_COUNT; i++) {
            codes.add(SecretTokens.humanCode(4));
        }
        recoveryCodes.replace(userId, codes.stream().map(SecretTokens::hash).toList(), clock);
        return codes;
    }

    private void audit(UserAccount user, String clientIp, String action, Map<String, Object> summary) {
        events.publishEvent(new AccountChanged(user.id(), user.email(), memberships.orgIdsOf(user.id()), clientIp,
                action, summary));
    }
}
