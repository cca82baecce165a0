package dev.evident.auditlog;

import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.verifier.ChainVerification;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The organization's append-only audit log. Entries are written by listening to
 * {@link dev.evident.shared.audit.Audited} events; this interface only reads and verifies.
 */
public interface AuditLog {

    Page<AuditEntry> search(UUID orgId, AuditQuery query, PageRequest page);

    Optional<AuditEntry> find(UUID orgId, UUID entryId);

    List<AuditEntry> recent(UUID orgId, int count);

    /** Recomputes the whole chain; names the first broken entry if any. */
    ChainVerification verify(UUID orgId);

    /** Writes the chain as JSON lines, oldest first, in the format {@code evident-verify.jar} checks offline. */
    void export(UUID orgId, Writer out) throws IOException;
}
