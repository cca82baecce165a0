package dev.evident.bench;

import dev.evident.verifier.HashChain;
import dev.evident.verifier.ChainLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Audit-log entries shaped like the ones the application writes (see {@code AuditChain.content} in the
 * app): ids and timestamps as strings, the actor and target as nested objects, a small change summary.
 */
final class AuditChainFixtures {

    static final UUID ORG = UUID.fromString("0193a5c2-7f00-7000-8000-00000000e71d");
    private static final Instant FIRST = Instant.parse("2026-03-02T09:15:27.481Z");

    private AuditChainFixtures() {
    }

    /** The canonical content of the n-th entry (1-based): a role change made by an administrator. */
    static Map<String, Object> content(long seq) {
        Map<String, Object> actor = new TreeMap<>();
        actor.put("type", "USER");
        actor.put("id", new UUID(0x0193a5c27f007000L, 0x8000000000000000L + (seq % 17)).toString());
        actor.put("label", "priya.raman@acme-payments.example");
        actor.put("clientIp", "203.0.113.24");
        Map<String, Object> target = new TreeMap<>();
        target.put("type", "user");
        target.put("id", new UUID(0x0193a5c27f017000L, 0x9000000000000000L + seq).toString());
        Map<String, Object> role = new TreeMap<>();
        role.put("from", "VIEWER");
        role.put("to", "ADMIN");
        Map<String, Object> summary = new TreeMap<>();
        summary.put("email", "jonas.weber+" + seq + "@acme-payments.example");
        summary.put("role", role);
        summary.put("mfaEnrolled", Boolean.TRUE);
        Map<String, Object> content = new TreeMap<>();
        content.put("id", entryId(seq).toString());
        content.put("orgId", ORG.toString());
        content.put("seq", seq);
        content.put("occurredAt", FIRST.plusMillis(seq * 1_337).toString());
        content.put("actor", actor);
        content.put("action", "user.role_changed");
        content.put("target", target);
        content.put("summary", summary);
        return content;
    }

    /** A valid chain of {@code size} entries, each linked to the one before it. */
    static List<ChainLink> chain(int size) {
        List<ChainLink> links = new ArrayList<>(size);
        String prev = HashChain.GENESIS;
        for (long seq = 1; seq <= size; seq++) {
            Map<String, Object> content = content(seq);
            String hash = HashChain.link(prev, content);
            links.add(new ChainLink(seq, entryId(seq).toString(), prev, hash, content));
            prev = hash;
        }
        return List.copyOf(links);
    }

    private static UUID entryId(long seq) {
        return new UUID(0x0193a5c27f027000L, 0xa000000000000000L + seq);
    }
}
