package dev.evident.control;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.identity.Provisioning;
import dev.evident.program.Programs;
import dev.evident.testing.ApiClient;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebSession;
import dev.evident.testing.WebSession.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/** What the control page tests share: an organization with the library adopted, a signed-in session, page readers. */
abstract class ControlPagesSupport extends IntegrationTest {

    static final Pattern ROW = Pattern.compile("<tr data-ref=\"([^\"]+)\"");
    static final Pattern COUNT = Pattern.compile("<strong>(\\d+)</strong>\\s*of <span>(\\d+)</span>");

    @Autowired
    Provisioning provisioning;

    record Adopted(Organization org, WebSession admin, List<JsonNode> controls) {
        JsonNode control(String ref) {
            return controls.stream().filter(c -> c.get("ref").asText().equals(ref)).findFirst().orElseThrow();
        }

        String id(String ref) {
            return control(ref).get("id").asText();
        }
    }

    /** An organization with a program (Security and Availability), the library adopted, its admin signed in. */
    Adopted adopted(String name) {
        Organization org = newOrganization(name);
        assertThat(org.api().post("/api/v1/programs", Programs.typeTwo("SOC 2 2027", "availability")).status()).isEqualTo(201);
        assertThat(org.api().post("/api/v1/controls/library/adopt", Map.of()).status()).isEqualTo(201);
        return new Adopted(org, signIn(org.adminEmail(), org.adminPassword()), controls(org.api(), ""));
    }

    WebSession signIn(String email, String password) {
        WebSession session = browserlessSession();
        assertThat(session.signIn(email, password).status()).isEqualTo(302);
        return session;
    }

    static List<JsonNode> controls(ApiClient api, String query) {
        List<JsonNode> items = new ArrayList<>();
        api.get("/api/v1/controls?limit=1000" + query).json().get("items").forEach(items::add);
        return items;
    }

    static List<String> rows(Page page) {
        List<String> refs = new ArrayList<>();
        Matcher m = ROW.matcher(page.body());
        while (m.find()) {
            refs.add(m.group(1));
        }
        return refs;
    }

    /** The result count as the page shows it: "42 of 107". */
    static String count(Page page) {
        Matcher m = COUNT.matcher(page.body());
        return m.find() ? m.group(1) + " of " + m.group(2) : "no count on the page";
    }

    static List<String> refs(List<JsonNode> controls) {
        return controls.stream().map(c -> c.get("ref").asText()).toList();
    }

    /** The control as the API returns it, ready to PUT back with a change. */
    static Map<String, Object> editable(JsonNode control) {
        Map<String, Object> input = new LinkedHashMap<>();
        control.properties().forEach(e -> input.put(e.getKey(), e.getValue()));
        return input;
    }

    /** The edit form's fields for a control as the API returns it. */
    static List<Map.Entry<String, String>> formOf(JsonNode c) {
        List<Map.Entry<String, String>> form = new ArrayList<>(List.of(
                Map.entry("version", c.get("version").asText()), Map.entry("ref", c.get("ref").asText()),
                Map.entry("domain", c.get("domain").asText()), Map.entry("title", c.get("title").asText()),
                Map.entry("description", c.get("description").asText()), Map.entry("type", c.get("type").asText()),
                Map.entry("nature", c.get("nature").asText()), Map.entry("frequency", c.get("frequency").asText()),
                Map.entry("owner", c.get("ownerUserId").isNull() ? "" : c.get("ownerUserId").asText()),
                Map.entry("ownerRole", c.get("ownerRole").asText()),
                Map.entry("testMethod", c.get("test").get("method").asText()),
                Map.entry("testProcedure", c.get("test").get("procedure").asText())));
        List<String> evidence = new ArrayList<>();
        c.get("evidence").forEach(e -> evidence.add(e.asText()));
        form.add(Map.entry("evidence", String.join("\n", evidence)));
        c.get("criteria").forEach(id -> form.add(Map.entry("criteria", id.asText())));
        form.add(Map.entry("notApplicableReason", ""));
        return form;
    }

    /** Text as Thymeleaf writes it into a page. */
    static String html(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    static void replace(List<Map.Entry<String, String>> form, String field, String value) {
        for (int i = 0; i < form.size(); i++) {
            if (form.get(i).getKey().equals(field)) {
                form.set(i, Map.entry(field, value));
                return;
            }
        }
        form.add(Map.entry(field, value));
    }
}
