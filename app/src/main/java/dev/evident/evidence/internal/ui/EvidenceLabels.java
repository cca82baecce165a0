package dev.evident.evidence.internal.ui;

import dev.evident.control.Control;
import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.EvidenceKind;
import dev.evident.program.Program;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Evidence in words for the pages: kinds, sources, intervals, sizes, statuses and links. */
final class EvidenceLabels {

    /** A linked control or program: its label (reference or name) and page. */
    record LinkLabel(String type, UUID id, String label, String title, String href) {
    }

    /** One row of the library table. */
    record Row(UUID id, String title, String fileName, String kind, String interval, java.time.Instant collectedAt,
               String source, List<LinkLabel> controls, List<LinkLabel> programs, String size, String status,
               String statusLabel) {
    }

    private EvidenceLabels() {
    }

    static String kind(EvidenceKind kind) {
        return switch (kind) {
            case FILE -> "File";
            case LINK -> "Link";
            case CONNECTOR_RECORD -> "Connector record";
            case SYSTEM_RECORD -> "Evident record";
        };
    }

    static String source(EvidenceItem.Source source) {
        String who = source.label() != null && !source.label().isBlank() ? source.label() : null;
        return switch (source.type()) {
            case "CONNECTOR" -> "Connector " + (source.connector() == null ? "" : source.connector())
                    + (who == null ? "" : " (" + who + ")");
            case "SYSTEM" -> "Evident";
            case "API_TOKEN" -> "API token" + (who == null ? "" : " " + who);
            default -> who == null ? "A member" : who;
        };
    }

    static String sourceType(String type) {
        return switch (type) {
            case "USER" -> "Uploaded by a member";
            case "API_TOKEN" -> "Sent with an API token";
            case "CONNECTOR" -> "Collected by a connector";
            case "SYSTEM" -> "Recorded by Evident";
            default -> type;
        };
    }

    static String interval(LocalDate from, LocalDate to) {
        return from.equals(to) ? from.toString() : from + " to " + to;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    static String status(EvidenceItem item) {
        return item.removedAt() != null ? "removed" : item.supersededBy() != null ? "superseded" : "current";
    }

    static String statusLabel(EvidenceItem item) {
        return switch (status(item)) {
            case "removed" -> "Removed by retention";
            case "superseded" -> "Superseded";
            default -> "Current";
        };
    }

    static List<LinkLabel> links(EvidenceItem item, String type, Map<UUID, Control> controls, Map<UUID, Program> programs,
                                 String contextPath) {
        List<LinkLabel> out = new ArrayList<>();
        for (EvidenceItem.Link l : item.links()) {
            if (!l.targetType().equals(type)) {
                continue;
            }
            if (type.equals("control")) {
                Control c = controls.get(l.targetId());
                out.add(c == null ? new LinkLabel(type, l.targetId(), "Deleted control", null, null)
                        : new LinkLabel(type, c.id(), c.ref(), c.title(), contextPath + "/controls/" + c.id()));
            } else {
                Program p = programs.get(l.targetId());
                out.add(p == null ? new LinkLabel(type, l.targetId(), "Deleted program", null, null)
                        : new LinkLabel(type, p.id(), p.name(), p.periodLabel(), contextPath + "/programs/" + p.id()));
            }
        }
        out.sort(java.util.Comparator.comparing(LinkLabel::label));
        return out;
    }

    static Row row(EvidenceItem i, Map<UUID, Control> controls, Map<UUID, Program> programs, String contextPath) {
        return new Row(i.id(), i.title(), i.fileName(), kind(i.kind()), interval(i.effectiveFrom(), i.effectiveTo()),
                i.collectedAt(), source(i.source()), links(i, "control", controls, programs, contextPath),
                links(i, "program", controls, programs, contextPath), i.kind().isRecord() && i.size() == 0 ? "–" : size(i.size()),
                status(i), statusLabel(i));
    }
}
