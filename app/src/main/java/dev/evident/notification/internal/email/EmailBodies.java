package dev.evident.notification.internal.email;

import dev.evident.shared.config.EvidentProperties;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The text and HTML of notification emails. Everything that came from data (subjects, bodies,
 * resource names) is escaped in the HTML; links are made absolute with {@code evident.public-url}
 * when it is set and stay application paths otherwise.
 */
@Component
class EmailBodies {

    /** A notification as an email shows it. */
    record Item(String subject, String body, String link) {
    }

    record Rendered(String subject, String text, String html) {
    }

    private final String baseUrl;

    @org.springframework.beans.factory.annotation.Autowired
    EmailBodies(EvidentProperties properties) {
        this(properties.publicUrl());
    }

    /** @param publicUrl the base for absolute links, or null to leave links as application paths */
    EmailBodies(String publicUrl) {
        this.baseUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    }

    Rendered single(Item item) {
        StringBuilder text = new StringBuilder(item.body() == null ? "" : item.body());
        StringBuilder html = new StringBuilder("<html><body style=\"font-family:sans-serif\">");
        html.append("<h2>").append(escape(item.subject())).append("</h2>");
        html.append(paragraphs(item.body()));
        if (item.link() != null) {
            text.append("\n\nOpen: ").append(url(item.link()));
            html.append("<p><a href=\"").append(escape(url(item.link()))).append("\">Open in Evident</a></p>");
        }
        text.append(FOOTER_TEXT);
        html.append(FOOTER_HTML).append("</body></html>");
        return new Rendered(item.subject(), text.toString(), html.toString());
    }

    Rendered digest(String organizationName, List<Item> items) {
        String subject = "Evident daily digest: " + items.size() + (items.size() == 1 ? " notification" : " notifications")
                + (organizationName == null ? "" : " in " + organizationName);
        StringBuilder text = new StringBuilder(subject).append("\n");
        StringBuilder html = new StringBuilder("<html><body style=\"font-family:sans-serif\">");
        html.append("<h2>").append(escape(subject)).append("</h2><ol>");
        for (Item item : items) {
            text.append("\n* ").append(item.subject()).append('\n');
            if (item.body() != null && !item.body().isBlank()) {
                text.append("  ").append(item.body().replace("\n", "\n  ")).append('\n');
            }
            html.append("<li><strong>").append(escape(item.subject())).append("</strong>").append(paragraphs(item.body()));
            if (item.link() != null) {
                text.append("  Open: ").append(url(item.link())).append('\n');
                html.append("<p><a href=\"").append(escape(url(item.link()))).append("\">Open in Evident</a></p>");
            }
            html.append("</li>");
        }
        html.append("</ol>");
        text.append(FOOTER_TEXT);
        html.append(FOOTER_HTML).append("</body></html>");
        return new Rendered(subject, text.toString(), html.toString());
    }

    private static final String FOOTER_TEXT = "\n\n--\nChange how Evident emails you on the notifications page.";
    private static final String FOOTER_HTML = "<hr><p style=\"color:#666;font-size:smaller\">Change how Evident emails you "
            + "on the notifications page.</p>";

    private String url(String link) {
        return link.startsWith("/") ? baseUrl + link : link;
    }

    private static String paragraphs(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        return "<p>" + escape(body).replace("\n", "<br>") + "</p>";
    }

    static String escape(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s, "UTF-8");
    }
}
