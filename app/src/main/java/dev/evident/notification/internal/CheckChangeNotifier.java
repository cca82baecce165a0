package dev.evident.notification.internal;

import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.identity.OrganizationDirectory;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import dev.evident.monitoring.CheckStateChanged;
import dev.evident.monitoring.CheckStateChanges;
import dev.evident.notification.Notifications;
import dev.evident.notification.Notifications.Notice;
import dev.evident.shared.security.Role;
import dev.evident.verifier.Hashes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the owners of a check's mapped controls when its outcome for a resource changes (see
 * {@link CheckChanges#notable}): one message per change, or one summary for all the changes of an
 * evaluation when {@link CheckChanges#grouped} says so (a first evaluation, or a large batch). Each owner is notified once per change, however many of their
 * controls the check maps to; a control without an owner (or whose owner left) falls back to the
 * organization's admins, as does a check mapped to no control.
 */
@Component
class CheckChangeNotifier {

    private static final Logger log = LoggerFactory.getLogger(CheckChangeNotifier.class);

    private final ControlDirectory controls;
    private final OrganizationDirectory members;
    private final Notifications notifications;
    /** After the publisher's commit the old transaction is finished: notifications commit on their own. */
    private final TransactionTemplate own;

    CheckChangeNotifier(ControlDirectory controls, OrganizationDirectory members, Notifications notifications,
                        PlatformTransactionManager transactions) {
        this.controls = controls;
        this.members = members;
        this.notifications = notifications;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(CheckStateChanges batch) {
        List<CheckStateChanged> notable = CheckChanges.notable(batch);
        if (notable.isEmpty()) {
            return;
        }
        try {
            Set<UUID> recipients = recipients(notable.get(0));
            List<Notice> notices = CheckChanges.grouped(batch, notable) ? List.of(summary(batch, notable))
                    : notable.stream().map(c -> notice(c, null)).toList();
            for (Notice template : notices) {
                for (UUID userId : recipients) {
                    Notice notice = new Notice(batch.orgId(), userId, template.kind(), template.subject(), template.body(),
                            template.link(), template.dedupeKey());
                    own.executeWithoutResult(t -> notifications.notify(notice));
                }
            }
        } catch (RuntimeException e) {
            // The result is stored; only the message is lost, which must not undo the evaluation.
            log.warn("Could not notify owners of check {} about {} changes: {}", batch.checkKey(), notable.size(),
                    e.getMessage(), e);
        }
    }

    /** One notice for many changes of one check: the counts, a sample by name, and where to see the rest. */
    static Notice summary(CheckStateChanges batch, List<CheckStateChanged> notable) {
        String title = CheckChanges.title(batch.checkTitle(), batch.checkKey());
        String subject = title + ": " + CheckChanges.summary(batch, CheckChanges.counts(notable));
        StringBuilder body = checkLine(title, batch.checkKey(), batch.checkVersion(), batch.severity());
        body.append(batch.firstEvaluation() ? "First evaluation" : "Evaluation").append(" at ").append(batch.at())
                .append(": ").append(notable.size()).append(" changes\n");
        for (CheckStateChanged c : notable.subList(0, Math.min(CheckChanges.SAMPLE, notable.size()))) {
            body.append("- ").append(CheckChanges.resourceLabel(c)).append(": ").append(CheckChanges.transition(c));
            if (c.detail() != null && !c.detail().isBlank()) {
                body.append(" (").append(c.detail()).append(')');
            }
            body.append('\n');
        }
        if (notable.size() > CheckChanges.SAMPLE) {
            body.append("… and ").append(notable.size() - CheckChanges.SAMPLE).append(" more on the check's page\n");
        }
        String key = "check.state_changes:" + batch.checkId() + ":" + batch.at().toEpochMilli();
        return new Notice(batch.orgId(), null, "check.state_changes", subject, body.toString().strip(),
                "/checks/" + batch.checkId(), key);
    }

    /** Owners of the mapped controls, de-duplicated, in control order; admins for unowned controls. */
    Set<UUID> recipients(CheckStateChanged change) {
        Set<UUID> recipients = new LinkedHashSet<>();
        List<UUID> controlIds = change.controlIds() == null ? List.of() : change.controlIds();
        boolean needAdmins = controlIds.isEmpty();
        for (UUID controlId : controlIds) {
            Optional<UUID> owner = controls.control(change.orgId(), controlId).map(Control::ownerUserId)
                    .filter(id -> members.member(change.orgId(), id).isPresent());
            if (owner.isPresent()) {
                recipients.add(owner.get());
            } else {
                needAdmins = true;
            }
        }
        if (needAdmins) {
            members.members(change.orgId()).stream().filter(m -> m.role() == Role.ADMIN).map(MemberSummary::userId)
                    .forEach(recipients::add);
        }
        return recipients;
    }

    static Notice notice(CheckStateChanged change, UUID userId) {
        String verb = switch (change.outcome()) {
            case "fail" -> "fails";
            case "pass" -> "passes again";
            case "error" -> "could not be evaluated";
            default -> change.outcome();
        };
        String title = CheckChanges.title(change.checkTitle(), change.checkKey());
        String subject = title + " " + verb + " for " + CheckChanges.resourceLabel(change);
        StringBuilder body = checkLine(title, change.checkKey(), change.checkVersion(), change.severity());
        body.append("Resource: ").append(CheckChanges.resourceLabel(change)).append('\n');
        body.append("Outcome: ").append(CheckChanges.transition(change)).append(" at ").append(change.at()).append('\n');
        if (change.detail() != null && !change.detail().isBlank()) {
            body.append("Reason: ").append(change.detail()).append('\n');
        }
        String key = "check.state_changed:" + change.checkId() + ":"
                + Hashes.sha256Hex(change.resourceType() + "\n" + change.resourceId()).substring(0, 32) + ":"
                + change.at().toEpochMilli() + ":" + change.outcome();
        return new Notice(change.orgId(), userId, "check.state_changed", subject, body.toString().strip(),
                CheckChanges.link(change), key);
    }

    /** "Check: title (key, version n, severity s)" and a line break, to go on from. */
    private static StringBuilder checkLine(String title, String key, int version, String severity) {
        StringBuilder line = new StringBuilder("Check: ").append(title).append(" (").append(key).append(", version ")
                .append(version);
        if (severity != null) {
            line.append(", severity ").append(severity);
        }
        return line.append(")\n");
    }
}
