package dev.evident.evidence.internal;

import dev.evident.evidence.EvidenceKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Filters of the evidence library (API and page); null fields do not filter.
 *
 * @param from,to          items whose effective interval overlaps [from, to]
 * @param sourceType       USER, API_TOKEN, CONNECTOR or SYSTEM
 * @param includeSuperseded also items replaced by a correction (and items whose content retention removed)
 * @param anyControl        items linked to at least one of these controls (the library's "stale" filter);
 *                          an empty set matches nothing
 */
public record EvidenceFilter(UUID controlId, UUID programId, LocalDate from, LocalDate to, EvidenceKind kind,
                             String sourceType, String query, boolean includeSuperseded, Set<UUID> anyControl) {

    public static final EvidenceFilter CURRENT = new EvidenceFilter(null, null, null, null, null, null, null, false);

    public EvidenceFilter {
        anyControl = anyControl == null ? null : Set.copyOf(anyControl);
    }

    public EvidenceFilter(UUID controlId, UUID programId, LocalDate from, LocalDate to, EvidenceKind kind,
                          String sourceType, String query, boolean includeSuperseded) {
        this(controlId, programId, from, to, kind, sourceType, query, includeSuperseded, null);
    }

    /** The same filter, narrowed to items linked to one of the given controls. */
    public EvidenceFilter linkedToAnyOf(Set<UUID> controls) {
        return new EvidenceFilter(controlId, programId, from, to, kind, sourceType, query, includeSuperseded, controls);
    }

    void appendTo(StringBuilder sql, MapSqlParameterSource params) {
        if (controlId != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM evidence_link l WHERE l.evidence_id = i.id AND l.org_id = i.org_id"
                    + " AND l.target_type = 'control' AND l.target_id = :control)");
            params.addValue("control", controlId);
        }
        if (anyControl != null) {
            if (anyControl.isEmpty()) {
                sql.append(" AND 1 = 0");
            } else {
                sql.append(" AND EXISTS (SELECT 1 FROM evidence_link l WHERE l.evidence_id = i.id AND l.org_id = i.org_id"
                        + " AND l.target_type = 'control' AND l.target_id IN (:anyControl))");
                params.addValue("anyControl", List.copyOf(anyControl));
            }
        }
        if (programId != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM evidence_link l WHERE l.evidence_id = i.id AND l.org_id = i.org_id"
                    + " AND l.target_type = 'program' AND l.target_id = :program)");
            params.addValue("program", programId);
        }
        if (from != null) {
            sql.append(" AND i.effective_to >= :from");
            params.addValue("from", from);
        }
        if (to != null) {
            sql.append(" AND i.effective_from <= :to");
            params.addValue("to", to);
        }
        if (kind != null) {
            sql.append(" AND i.kind = :kind");
            params.addValue("kind", kind.name());
        }
        if (sourceType != null) {
            sql.append(" AND i.source_type = :sourceType");
            params.addValue("sourceType", sourceType);
        }
        if (query != null && !query.isBlank()) {
            int n = 0;
            for (String word : query.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
                String p = "q" + n++;
                sql.append(" AND (LOWER(i.title) LIKE :").append(p).append(" ESCAPE '\\' OR LOWER(COALESCE(i.description, ''))"
                        + " LIKE :").append(p).append(" ESCAPE '\\' OR LOWER(COALESCE(i.file_name, '')) LIKE :").append(p)
                        .append(" ESCAPE '\\')");
                params.addValue(p, "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
        }
        if (!includeSuperseded) {
            sql.append(" AND i.removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM evidence_item s WHERE s.supersedes_id = i.id)");
        }
    }
}
