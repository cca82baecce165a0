package dev.evident.evidence.internal.pack;

import dev.evident.control.Control;
import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.internal.pack.AuditPackages.Plan;
import dev.evident.evidence.internal.pack.PackageItems.Row;
import java.io.IOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.HtmlUtils;

/**
 * The human-readable index of a package: one static HTML page, every text escaped, no scripts and
 * no external resources, so it opens safely from the unzipped folder. It is not verified; the
 * manifest is what counts.
 */
final class PackageIndex {

    private PackageIndex() {
    }

    static void write(Plan plan, Writer out) throws IOException {
        out.write("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                + "img-src 'self'\">\n");
        out.write("<title>Evidence: " + esc(plan.program().name()) + "</title>\n");
        out.write("<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse;"
                + "width:100%}th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}"
                + "code{font-size:12px;word-break:break-all}.superseded{color:#777}.tag{font-size:12px;background:#eee;"
                + "padding:0 .3rem;border-radius:3px}</style>\n</head>\n<body>\n");
        out.write("<h1>Evidence for " + esc(plan.program().name()) + "</h1>\n");
        out.write("<p>" + esc(plan.organizationName()) + " &middot; " + esc(plan.program().reportType().name().replace('_', ' '))
                + " &middot; " + esc(plan.program().periodLabel()) + "<br>Interval in this package: "
                + esc(plan.from().toString()) + " to " + esc(plan.to().toString()) + " &middot; " + plan.rows().size()
                + " items &middot; generated " + esc(plan.generatedAt().toString()) + "</p>\n");
        out.write("<p>Ledger checkpoint: " + plan.checkpoint().treeSize() + " entries, signed "
                + esc(plan.checkpoint().signedAt().toString()) + " with key <code>" + esc(plan.checkpoint().keyId())
                + "</code>. This page is for reading only; verify the package with "
                + "<code>java -jar evident-verify.jar package.zip</code> (see README.txt).</p>\n");
        out.write("<table>\n<thead><tr><th>Item</th><th>Proves</th><th>Kind</th><th>Source</th><th>Controls</th>"
                + "<th>SHA-256</th><th>Ledger</th></tr></thead>\n<tbody>\n");
        for (Row row : plan.rows()) {
            EvidenceItem i = row.item();
            boolean superseded = i.supersededBy() != null;
            String path = AuditPackages.path(i);
            out.write("<tr" + (superseded ? " class=\"superseded\"" : "") + "><td><a href=\"" + esc(href(path)) + "\">"
                    + esc(i.title()) + "</a>");
            if (superseded) {
                out.write(" <span class=\"tag\">superseded by " + esc(i.supersededBy().toString()) + "</span>");
            }
            if (i.description() != null) {
                out.write("<br>" + esc(i.description()));
            }
            out.write("<br><code>" + esc(i.id().toString()) + "</code></td>");
            out.write("<td>" + esc(i.effectiveFrom().toString()) + (i.effectiveTo().equals(i.effectiveFrom()) ? ""
                    : " to " + esc(i.effectiveTo().toString())) + "</td>");
            out.write("<td>" + esc(i.kind().name()) + "<br>" + esc(i.contentType()) + ", " + i.size() + " bytes</td>");
            out.write("<td>" + esc(i.source().label()) + (i.source().connector() == null ? ""
                    : "<br>" + esc(i.source().connector())) + "</td><td>");
            boolean first = true;
            for (EvidenceItem.Link l : i.links()) {
                Control c = l.targetType().equals("control") ? plan.controlsById().get(l.targetId()) : null;
                if (c == null) {
                    continue;
                }
                out.write((first ? "" : "<br>") + esc(c.ref()) + " " + esc(c.title()));
                first = false;
            }
            out.write("</td><td><code>" + esc(i.contentSha256()) + "</code></td><td>#" + i.ledgerSeq() + "</td></tr>\n");
        }
        out.write("</tbody>\n</table>\n</body>\n</html>\n");
    }

    private static String href(String path) {
        StringBuilder href = new StringBuilder();
        for (String part : path.split("/")) {
            if (href.length() > 0) {
                href.append('/');
            }
            href.append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return href.toString();
    }

    private static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s, "UTF-8");
    }
}
