package dev.evident.monitoring.internal;

import dev.evident.monitoring.CheckEvents.CheckCreated;
import dev.evident.monitoring.CheckEvents.CheckEnabledChanged;
import dev.evident.monitoring.CheckEvents.CheckUpdated;
import dev.evident.monitoring.internal.CheckDefinition.Severity;
import dev.evident.monitoring.internal.Checks.CheckRow;
import dev.evident.monitoring.internal.Checks.CheckVersion;
import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.security.Actor;
import dev.evident.verifier.CanonicalJson;
import dev.evident.verifier.Hashes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks of an organization: the built-in library copied in on first use (and moved to a newer
 * library version while the organization has not changed the check), custom checks, new versions on
 * every change, enabling and disabling.
 */
@Service
class CheckService {

    /** A check as the API shows it: its state and its current version. */
    record CheckState(CheckRow row, CheckVersion current) {

        CheckDefinition definition() {
            return current.definition().withKey(row.key());
        }
    }

    /** What a caller sends to create or change a check. */
    record CheckInput(String key, String title, String description, String resourceType, String expression,
                      String severity, List<String> controls, String remediation, Map<String, Object> parameters,
                      List<CheckJoin> joins) {

        CheckDefinition definition(String fixedKey) {
            Severity s = Severity.parse(severity);
            return new CheckDefinition(fixedKey != null ? fixedKey : key, title, description, resourceType, expression,
                    s, controls, remediation, parameters, joins);
        }
    }

    private final Checks checks;
    private final BuiltInChecks builtIns;
    private final CheckCompiler compiler;
    private final ControlKeys controlKeys;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Set<UUID> seeded = ConcurrentHashMap.newKeySet();

    CheckService(Checks checks, BuiltInChecks builtIns, CheckCompiler compiler, ControlKeys controlKeys,
                 TransactionTemplate transaction, ApplicationEventPublisher events, Clock clock) {
        this.checks = checks;
        this.builtIns = builtIns;
        this.compiler = compiler;
        this.controlKeys = controlKeys;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /** Every check of the organization with its current version, by key. */
    List<CheckState> list(UUID orgId) {
        return list(orgId, true);
    }

    /**
     * The organization's checks; without {@code seed} the built-in library is not copied in first
     * (for a sync of types no built-in check reads, which then costs two queries).
     */
    List<CheckState> list(UUID orgId, boolean seed) {
        if (seed) {
            ensureBuiltIns(orgId);
        }
        Map<UUID, CheckVersion> current = checks.currentVersions(orgId);
        List<CheckState> out = new ArrayList<>();
        for (CheckRow row : checks.list(orgId)) {
            CheckVersion v = current.get(row.id());
            if (v != null) {
                out.add(new CheckState(row, v));
            }
        }
        return out;
    }

    /** A check by id or key. */
    CheckState get(UUID orgId, String idOrKey) {
        ensureBuiltIns(orgId);
        CheckRow row = find(orgId, idOrKey);
        CheckVersion v = checks.version(orgId, row.id(), row.currentVersion()).orElseThrow();
        return new CheckState(row, v);
    }

    CheckVersion version(UUID orgId, String idOrKey, int version) {
        CheckRow row = find(orgId, idOrKey);
        return checks.version(orgId, row.id(), version).orElseThrow(() -> new NotFoundException("Version " + version
                + " of check " + row.key()));
    }

    List<CheckVersion> versions(UUID orgId, String idOrKey) {
        return checks.versions(orgId, find(orgId, idOrKey).id());
    }

    private CheckRow find(UUID orgId, String idOrKey) {
        java.util.Optional<CheckRow> row;
        try {
            row = checks.find(orgId, UUID.fromString(idOrKey));
        } catch (IllegalArgumentException notAUuid) {
            row = checks.findByKey(orgId, idOrKey);
        }
        return row.orElseThrow(() -> new NotFoundException("Check"));
    }

    CheckState create(Actor actor, CheckInput input) {
        if (input == null) {
            throw new InvalidInputException("body", "is required: the check definition");
        }
        ensureBuiltIns(actor.orgId());
        CheckDefinition d = input.definition(null);
        CheckRules.validate(d, controlKeys.known(actor.orgId()), compiler);
        if (builtIns.get(d.key()) != null || checks.findByKey(actor.orgId(), d.key()).isPresent()) {
            throw new InvalidInputException("key", "'" + d.key() + "' is taken by another check");
        }
        Instant now = Timestamps.now(clock);
        CheckRow row = new CheckRow(Ids.next(clock), actor.orgId(), d.key(), false, true, 1, now, now);
        CheckVersion v = new CheckVersion(row.id(), 1, d, Checks.ORIGIN_USER, null, now, actor.label());
        try {
            transaction.executeWithoutResult(status -> {
                checks.insert(row);
                checks.insertVersion(actor.orgId(), v);
                events.publishEvent(new CheckCreated(actor, row.id(), d.key(), d.resourceType(), d.severity().id()));
            });
        } catch (DuplicateKeyException race) {
            throw new InvalidInputException("key", "'" + d.key() + "' is taken by another check");
        }
        return new CheckState(row, v);
    }

    /**
     * Saves a new version. The key never changes; {@code expectedVersion}, when given, must be the
     * current version so that two editors do not overwrite each other.
     */
    CheckState update(Actor actor, String idOrKey, CheckInput input, Integer expectedVersion) {
        if (input == null) {
            throw new InvalidInputException("body", "is required: the check definition");
        }
        CheckState state = get(actor.orgId(), idOrKey);
        CheckRow row = state.row();
        if (input.key() != null && !input.key().equals(row.key())) {
            throw new InvalidInputException("key", "cannot change (was " + row.key() + "); create a new check instead");
        }
        if (expectedVersion != null && expectedVersion != row.currentVersion()) {
            throw ConflictException.staleVersion("Check " + row.key(), expectedVersion, row.currentVersion());
        }
        CheckDefinition d = input.definition(row.key());
        CheckRules.validate(d, controlKeys.known(actor.orgId()), compiler);
        Map<String, Object> changes = changes(state.definition(), d);
        if (changes.isEmpty()) {
            return state;
        }
        Instant now = Timestamps.now(clock);
        int next = row.currentVersion() + 1;
        CheckVersion v = new CheckVersion(row.id(), next, d, Checks.ORIGIN_USER, null, now, actor.label());
        transaction.executeWithoutResult(status -> {
            if (!checks.advance(actor.orgId(), row.id(), row.currentVersion(), next, now)) {
                throw ConflictException.staleVersion("Check " + row.key(), row.currentVersion(), row.currentVersion() + 1);
            }
            checks.insertVersion(actor.orgId(), v);
            events.publishEvent(new CheckUpdated(actor, row.id(), row.key(), row.currentVersion(), next, changes));
        });
        return new CheckState(new CheckRow(row.id(), row.orgId(), row.key(), row.builtIn(), row.enabled(), next,
                row.createdAt(), now), v);
    }

    CheckState setEnabled(Actor actor, String idOrKey, boolean enabled) {
        CheckState state = get(actor.orgId(), idOrKey);
        if (state.row().enabled() == enabled) {
            return state;
        }
        Instant now = Timestamps.now(clock);
        transaction.executeWithoutResult(status -> {
            checks.setEnabled(actor.orgId(), state.row().id(), enabled, now);
            events.publishEvent(new CheckEnabledChanged(actor, state.row().id(), state.row().key(), enabled));
        });
        CheckRow r = state.row();
        return new CheckState(new CheckRow(r.id(), r.orgId(), r.key(), r.builtIn(), enabled, r.currentVersion(),
                r.createdAt(), now), state.current());
    }

    /** Whether some built-in check reads one of the types. */
    boolean builtInReadsAny(java.util.Collection<String> types) {
        return builtIns.all().stream().anyMatch(d -> d.typesRead().stream().anyMatch(types::contains));
    }

    /**
     * Copies the built-in checks the organization does not have yet, and moves unchanged built-in
     * checks to the library's current definition. Once per organization and application run.
     */
    void ensureBuiltIns(UUID orgId) {
        if (seeded.contains(orgId)) {
            return;
        }
        Map<String, CheckRow> existing = new LinkedHashMap<>();
        checks.list(orgId).forEach(r -> existing.put(r.key(), r));
        Map<UUID, CheckVersion> current = checks.currentVersions(orgId);
        Instant now = Timestamps.now(clock);
        for (CheckDefinition d : builtIns.all()) {
            String sha = librarySha(d);
            CheckRow row = existing.get(d.key());
            try {
                if (row == null) {
                    CheckRow fresh = new CheckRow(Ids.next(clock), orgId, d.key(), true, true, 1, now, now);
                    transaction.executeWithoutResult(status -> {
                        checks.insert(fresh);
                        checks.insertVersion(orgId, new CheckVersion(fresh.id(), 1, d, Checks.ORIGIN_LIBRARY, sha, now,
                                "Evident library"));
                    });
                } else if (row.builtIn() && current.get(row.id()) != null
                        && Checks.ORIGIN_LIBRARY.equals(current.get(row.id()).origin())
                        && !sha.equals(current.get(row.id()).librarySha256())) {
                    int next = row.currentVersion() + 1;
                    transaction.executeWithoutResult(status -> {
                        if (checks.advance(orgId, row.id(), row.currentVersion(), next, now)) {
                            checks.insertVersion(orgId, new CheckVersion(row.id(), next, d, Checks.ORIGIN_LIBRARY, sha, now,
                                    "Evident library"));
                        }
                    });
                }
            } catch (DuplicateKeyException anotherNodeWasFaster) {
                // the other node stored the same library definition
            }
        }
        seeded.add(orgId);
    }

    static String librarySha(CheckDefinition d) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("key", d.key());
        all.put("title", d.title());
        all.put("description", Objects.toString(d.description(), ""));
        all.put("severity", d.severity().id());
        all.put("controls", d.controls());
        all.put("remediation", Objects.toString(d.remediation(), ""));
        all.put("parameters", plain(d.parameters()));
        all.put("program", CheckCompiler.digest(d));
        return Hashes.sha256Hex(CanonicalJson.encode(all).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Object plain(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(CheckService::plain).toList();
        }
        if (v instanceof Double || v instanceof Float) {
            return v.toString();
        }
        return v;
    }

    private static Map<String, Object> changes(CheckDefinition from, CheckDefinition to) {
        Map<String, Object> changes = new LinkedHashMap<>();
        diff(changes, "title", from.title(), to.title());
        diff(changes, "description", from.description(), to.description());
        diff(changes, "resourceType", from.resourceType(), to.resourceType());
        diff(changes, "expression", from.expression(), to.expression());
        diff(changes, "severity", from.severity().id(), to.severity().id());
        diff(changes, "controls", String.join(",", from.controls()), String.join(",", to.controls()));
        diff(changes, "remediation", from.remediation(), to.remediation());
        diff(changes, "parameters", CanonicalJson.encode(plain(from.parameters())), CanonicalJson.encode(plain(to.parameters())));
        diff(changes, "joins", from.joins().toString(), to.joins().toString());
        return changes;
    }

    private static void diff(Map<String, Object> changes, String field, String from, String to) {
        if (!Objects.equals(blankToNull(from), blankToNull(to))) {
            changes.put(field, dev.evident.shared.audit.AuditRecord.change(from, to));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
