package dev.evident.control.internal.ui;

import dev.evident.control.Control;
import dev.evident.control.internal.ControlRules;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.util.HtmlUtils;

/**
 * The rows of the control library table. A thousand controls are shown on one page within 150 ms of
 * server time, so everything a row needs is looked up in maps built once per request (no service call
 * and no query per row), and the rows are written here rather than by Thymeleaf: at about 25
 * expressions a row, the template alone took 0.2 to 0.4 ms a row, while this writes a thousand rows
 * in a few milliseconds. Every text goes through {@link HtmlUtils#htmlEscape}; the header row and the
 * CSS classes live in controls.html and evident.css.
 */
final class LibraryRows {

    /** A criterion a control maps to, as a chip; out of scope when no program includes its category any more. */
    record Chip(String id, String html) {
        static Chip of(String id, String description, boolean inScope) {
            String hint = inScope ? description : description + " (kept, out of scope: no program includes its category)";
            return new Chip(id, "<li class=\"" + (inScope ? "crit-chip" : "crit-chip out-of-scope") + "\" title=\"" + escape(hint)
                    + "\">" + escape(id) + "</li>");
        }
    }

    /** @param href the control page's address, context path included */
    record Row(String ref, String title, String href, String domain, String owner, String statusLabel,
               String statusClass, String frequency, List<Chip> criteria, boolean applicable) {
    }

    private LibraryRows() {
    }

    static List<Row> of(List<Control> controls, List<MemberSummary> members, ControlRules scope,
                        ControlVocabulary vocabulary, String linkBase) {
        Map<UUID, String> ownerNames = new HashMap<>();
        members.forEach(m -> ownerNames.put(m.userId(), m.displayName()));
        Map<String, Chip> chips = new HashMap<>();
        List<Row> rows = new ArrayList<>(controls.size());
        for (Control c : controls) {
            List<Chip> criteria = new ArrayList<>(c.criteria().size());
            for (String id : c.criteria()) {
                criteria.add(chips.computeIfAbsent(id, k -> Chip.of(k, vocabulary.describe(k), scope.inScope(k))));
            }
            rows.add(new Row(c.ref(), c.title(), linkBase + c.id(), vocabulary.domainName(c.domain()),
                    c.ownerUserId() == null ? null : ownerNames.getOrDefault(c.ownerUserId(), "Former member"),
                    c.status().label(), ControlVocabulary.statusClass(c.status()), ControlVocabulary.label(c.frequency()),
                    criteria, c.applicable()));
        }
        return rows;
    }

    /** The table body: one {@code <tr>} per row, in order. */
    static String html(List<Row> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 700);
        for (Row r : rows) {
            out.append("<tr data-ref=\"").append(escape(r.ref())).append('"')
                    .append(r.applicable() ? "" : " class=\"not-applicable\"").append(">\n")
                    .append("  <td class=\"ref\">").append(escape(r.ref())).append("</td>\n")
                    .append("  <td class=\"control-title\"><a href=\"").append(escape(r.href())).append("\">")
                    .append(escape(r.title())).append("</a> <span class=\"sub\">").append(escape(r.domain()))
                    .append("</span></td>\n")
                    .append(r.owner() == null ? "  <td class=\"no-owner\">No owner</td>\n"
                            : "  <td>" + escape(r.owner()) + "</td>\n")
                    .append("  <td class=\"nowrap\"><span class=\"").append(r.statusClass()).append("\">")
                    .append(escape(r.statusLabel())).append("</span>")
                    .append(r.applicable() ? "" : " <span class=\"badge not-applicable-badge\">Not applicable</span>")
                    .append("</td>\n")
                    .append("  <td>").append(escape(r.frequency())).append("</td>\n")
                    .append("  <td><ul class=\"crit-chips\">");
            r.criteria().forEach(chip -> out.append(chip.html()));
            out.append("</ul></td>\n</tr>\n");
        }
        return out.toString();
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
