package dev.evident.monitoring.internal;

import dev.evident.monitoring.CheckEvents.CheckExceptionGranted;
import dev.evident.monitoring.CheckEvents.CheckExceptionRevoked;
import dev.evident.monitoring.internal.CheckExceptions.CheckException;
import dev.evident.monitoring.internal.CheckService.CheckState;
import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.security.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exceptions: a failing resource accepted with a reason by the signed-in user until an expiry. The
 * result turns {@code excepted} at once, and back to {@code fail} when the exception is revoked, when it
 * expires (the next evaluation, or the daily sweep if no sync comes first).
 */
@Service
class ExceptionService {

    static final Duration MAX_VALIDITY = Duration.ofDays(366);
    private static final Logger log = LoggerFactory.getLogger(ExceptionService.class);

    private final CheckService checks;
    private final CheckExceptions exceptions;
    private final ResultIntervals intervals;
    private final CheckEvaluation evaluation;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ExceptionService(CheckService checks, CheckExceptions exceptions, ResultIntervals intervals,
                     CheckEvaluation evaluation, TransactionTemplate transaction, ApplicationEventPublisher events,
                     Clock clock) {
        this.checks = checks;
        this.exceptions = exceptions;
        this.intervals = intervals;
        this.evaluation = evaluation;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    CheckException grant(Actor actor, String checkIdOrKey, String resourceKey, String reason, Instant expiresAt) {
        CheckState check = checks.get(actor.orgId(), checkIdOrKey);
        Instant now = Timestamps.now(clock);
        List<FieldError> errors = new ArrayList<>();
        if (resourceKey == null || resourceKey.isBlank()) {
            errors.add(new FieldError("resourceKey", "is required: the resource key from the check's results"));
        }
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("reason", "is required: why the failure is acceptable"));
        } else if (reason.length() > 2000) {
            errors.add(new FieldError("reason", "is " + reason.length() + " characters; at most 2000 are allowed"));
        }
        if (expiresAt == null) {
            errors.add(new FieldError("expiresAt", "is required: when the exception ends (ISO-8601 instant)"));
        } else if (!expiresAt.isAfter(now)) {
            errors.add(new FieldError("expiresAt", "must be in the future"));
        } else if (expiresAt.isAfter(now.plus(MAX_VALIDITY))) {
            errors.add(new FieldError("expiresAt", "may be at most 366 days ahead; renew the exception when it ends"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var open = intervals.open(actor.orgId(), check.row().id()).get(resourceKey);
        if (open == null) {
            throw new NotFoundException("Resource " + resourceKey + " in the results of check " + check.row().key());
        }
        if (open.outcome() != Outcome.FAIL && open.outcome() != Outcome.EXCEPTED) {
            throw new ConflictException("Resource " + resourceKey + " is " + open.outcome().id()
                    + ", not failing; only failing resources can be accepted");
        }
        CheckException e = new CheckException(Ids.next(clock), check.row().id(), resourceKey, reason.strip(),
                actor.userId(), actor.label(), now, expiresAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS), null, null);
        transaction.executeWithoutResult(status -> {
            exceptions.insert(actor.orgId(), e);
            events.publishEvent(new CheckExceptionGranted(actor, check.row().id(), check.row().key(), e.id(), resourceKey,
                    e.reason(), e.expiresAt()));
        });
        evaluation.reconcileExceptions(actor.orgId(), check);
        return e;
    }

    void revoke(Actor actor, String checkIdOrKey, UUID exceptionId) {
        CheckState check = checks.get(actor.orgId(), checkIdOrKey);
        CheckException e = exceptions.find(actor.orgId(), check.row().id(), exceptionId)
                .orElseThrow(() -> new NotFoundException("Exception"));
        Instant now = Timestamps.now(clock);
        if (!e.validAt(now)) {
            throw new ConflictException("The exception has already " + (e.revokedAt() != null ? "been revoked" : "expired"));
        }
        transaction.executeWithoutResult(status -> {
            exceptions.revoke(actor.orgId(), exceptionId, actor.label(), now);
            events.publishEvent(new CheckExceptionRevoked(actor, check.row().id(), check.row().key(), exceptionId,
                    e.resourceKey()));
        });
        evaluation.reconcileExceptions(actor.orgId(), check);
    }

    List<CheckException> list(UUID orgId, String checkIdOrKey) {
        return exceptions.list(orgId, checks.get(orgId, checkIdOrKey).row().id());
    }

    /** Expired exceptions fail again even when no sync comes: once a day, every node (idempotent). */
    @Scheduled(cron = "${evident.monitoring.exception-sweep-cron:0 45 2 * * *}", zone = "UTC")
    void daily() {
        int changed = 0;
        for (UUID orgId : intervals.organizationsWithOpen(Outcome.EXCEPTED)) {
            try {
                changed += sweep(orgId);
            } catch (RuntimeException e) {
                log.warn("Exception sweep failed for organization {}: {}", orgId, e.getMessage(), e);
            }
        }
        log.info("Exception sweep: {} results failing again after their exception ended", changed);
    }

    int sweep(UUID orgId) {
        int changed = 0;
        var checkIds = intervals.openWithOutcome(orgId, Outcome.EXCEPTED).stream()
                .map(ResultIntervals.Interval::checkId).distinct().toList();
        for (UUID checkId : checkIds) {
            changed += evaluation.reconcileExceptions(orgId, checks.get(orgId, checkId.toString()));
        }
        return changed;
    }
}
