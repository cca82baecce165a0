package dev.evident.control.internal;

import dev.evident.control.Control;
import dev.evident.control.ControlEvents.ControlsImported;
import dev.evident.control.ControlStatus;
import dev.evident.control.RefOrder;
import dev.evident.control.internal.ControlsYamlReader.Entry;
import dev.evident.identity.OrganizationDirectory;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.PayloadTooLargeException;
import dev.evident.shared.security.Actor;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Controls as code: the organization's control definitions exported as a YAML file, and a file
 * imported back. An import is checked completely (every problem located in the file) before
 * anything is written, shows its effect as a plan (the dry run), and is applied in one transaction
 * with one audit entry. Lifecycle status is not part of the file and is never changed by an import.
 */
@Service
public class ControlsAsCode {

    public static final String IMPORT_PATH = "/api/v1/controls/import";
    public static final String SIZE_SETTING = "evident.controls.import-max-size";

    private final ControlService service;
    private final Controls controls;
    private final ControlRulesFactory rules;
    private final OrganizationDirectory directory;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final long maxSize;

    ControlsAsCode(ControlService service, Controls controls, ControlRulesFactory rules, OrganizationDirectory directory,
                   ApplicationEventPublisher events, Clock clock, EvidentProperties properties) {
        this.service = service;
        this.controls = controls;
        this.rules = rules;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
        this.maxSize = properties.controls().importMaxSize();
    }

    /** The largest file accepted, in bytes. */
    public long maxSize() {
        return maxSize;
    }

    /** The organization's controls as a file; the same controls always give the same bytes. */
    public byte[] export(Actor actor) {
        return export(actor.orgId());
    }

    private byte[] export(UUID orgId) {
        Map<UUID, String> emails = directory.members(orgId).stream()
                .collect(Collectors.toMap(MemberSummary::userId, MemberSummary::email, (a, b) -> a));
        return ControlsYamlWriter.write(service.controls(orgId), rules.framework(), emails);
    }

    /**
     * A fingerprint of the organization's control definitions (the hash of their export): if it
     * differs from the one taken at a dry run, the dry run no longer describes what an import does.
     */
    public String basis(Actor actor) {
        return sha256(export(actor.orgId()));
    }

    /** The dry run: what importing the file would change; nothing is written. */
    public ImportPlan plan(Actor actor, String fileName, byte[] content) {
        requireWithinLimit(content);
        String file = fileName(fileName);
        List<Control> existing = service.controls(actor.orgId());
        ControlRules orgRules = rules.rulesFor(actor.orgId());
        Map<String, Set<String>> kept = new HashMap<>();
        for (Control c : existing) {
            Set<String> inert = c.criteria().stream().filter(id -> !orgRules.inScope(id)).collect(Collectors.toSet());
            if (!inert.isEmpty()) {
                kept.put(c.ref(), inert);
            }
        }
        List<Entry> entries = ControlsYamlReader.read(file, content, orgRules, kept);
        return diff(orgRules, existing, entries, file, sha256(content));
    }

    /** Imports the file: all of it in one transaction, or nothing when any control has a problem. */
    @Transactional
    public ImportPlan apply(Actor actor, String fileName, byte[] content) {
        ImportPlan plan = plan(actor, fileName, content);
        if (!plan.changesAnything()) {
            return plan;
        }
        List<String> refused = plan.removed().stream().map(c -> service.objection(actor.orgId(), c)).flatMap(Optional::stream)
                .toList();
        if (!refused.isEmpty()) {
            throw new ConflictException("Nothing was imported: the file leaves out controls that cannot be deleted. "
                    + String.join(" ", refused) + " Keep them in the file (mark them not applicable if they no longer apply).");
        }
        Instant now = Timestamps.now(clock);
        controls.deleteAll(actor.orgId(), plan.removed().stream().map(Control::id).toList());
        List<Control> updated = plan.changed().stream().map(c -> service.build(c.before().id(), actor.orgId(), c.after(),
                c.before().status(), c.before().statusChangedAt(), c.before().source(), c.before().createdAt(), now,
                c.before().version())).toList();
        if (!controls.updateDefinitions(updated)) {
            throw new ConflictException("Someone changed a control while this file was being imported; nothing was "
                    + "imported. Run the import again.");
        }
        controls.insertAll(plan.added().stream().map(a -> service.build(Ids.next(clock), actor.orgId(), a.definition(),
                ControlStatus.DEFINED, now, a.source(), now, now, 0)).toList());
        events.publishEvent(new ControlsImported(actor, actor.orgId(), plan.file(), plan.sha256(), plan.addedRefs(),
                plan.changedRefs(), plan.removedRefs()));
        return plan;
    }

    private static ImportPlan diff(ControlRules orgRules, List<Control> existing, List<Entry> entries, String file,
                                   String sha256) {
        Map<String, Control> byRef = new LinkedHashMap<>();
        existing.forEach(c -> byRef.put(c.ref(), c));
        Set<String> inFile = new HashSet<>();
        List<ImportPlan.Addition> added = new ArrayList<>();
        List<ImportPlan.Change> changed = new ArrayList<>();
        int unchanged = 0;
        for (Entry entry : entries) {
            ControlDefinition after = entry.definition();
            inFile.add(after.ref());
            Control before = byRef.get(after.ref());
            if (before == null) {
                added.add(new ImportPlan.Addition(after, entry.source()));
            } else if (ControlDefinition.of(before).equals(after)) {
                unchanged++;
            } else {
                Control updated = new Control(before.id(), before.orgId(), after.ref(), after.title(), after.description(),
                        after.domain(), after.type(), after.nature(), after.frequency(), after.ownerUserId(),
                        after.ownerRole(), after.test(), after.evidence(), after.criteria(), before.status(),
                        before.statusChangedAt(), after.applicable(), after.notApplicableReason(), before.source(),
                        before.createdAt(), before.updatedAt(), before.version());
                changed.add(new ImportPlan.Change(before, after, ControlService.changes(orgRules, before, updated)));
            }
        }
        List<Control> removed = existing.stream().filter(c -> !inFile.contains(c.ref())).toList();
        added.sort(Comparator.comparing(ImportPlan.Addition::ref, RefOrder.INSTANCE));
        changed.sort(Comparator.comparing(ImportPlan.Change::ref, RefOrder.INSTANCE));
        return new ImportPlan(file, sha256, added, changed, removed, unchanged);
    }

    private void requireWithinLimit(byte[] content) {
        if (content.length > maxSize) {
            throw new PayloadTooLargeException(maxSize, SIZE_SETTING);
        }
    }

    /**
     * The name errors and the audit log use: what the client called the file (a path in a repository,
     * say), without control characters, at most 200 characters.
     */
    static String fileName(String given) {
        if (given == null || given.isBlank()) {
            return ControlsFile.DEFAULT_NAME;
        }
        String name = given.codePoints().filter(cp -> cp >= 0x20 && cp != 0x7F && !Character.isISOControl(cp))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (name.codePointCount(0, name.length()) > 200) {
            name = name.substring(0, name.offsetByCodePoints(0, 200));
        }
        return name.isEmpty() ? ControlsFile.DEFAULT_NAME : name;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
