package dev.evident.control;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.program.Programs;
import dev.evident.testing.ApiClient;
import dev.evident.testing.H2Test;
import dev.evident.testing.WebSession;
import dev.evident.testing.WebSession.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The control library page and the adopt page as a person without JavaScript uses them: every filter,
 * the count, the htmx fragment, the empty state, escaping, and adoption. Pages are the same on every
 * database, so they run on H2 only; the API contract covers PostgreSQL.
 */
@H2Test
class ControlLibraryPagesOnH2IT extends ControlPagesSupport {

    @Test
    void theLibraryListsTheAdoptedControlsAndEveryFilterNarrowsItAsTheApiDoes() {
        Adopted a = adopted("Library");
        ApiClient api = a.org().api();
        // give the filters something to find: an owner, a status, a control that does not apply
        String owned = a.id("AC-02");
        Map<String, Object> put = editable(a.control("AC-02"));
        put.put("ownerUserId", a.org().adminUserId().toString());
        assertThat(api.raw("PUT", "/api/v1/controls/" + owned, ApiClient.JSON.writeValueAsString(put), "application/json")
                .status()).isEqualTo(200);
        assertThat(api.post("/api/v1/controls/" + a.id("CM-01") + "/status", body("status", "IMPLEMENTED", "version", 0))
                .status()).isEqualTo(200);
        Map<String, Object> na = editable(a.control("AS-01"));
        na.put("applicable", false);
        na.put("notApplicableReason", "Every data centre is run by our cloud provider (carved out)");
        assertThat(api.raw("PUT", "/api/v1/controls/" + a.id("AS-01"), ApiClient.JSON.writeValueAsString(na),
                "application/json").status()).isEqualTo(200);

        Page all = a.admin().get("/controls");
        assertThat(all.status()).isEqualTo(200);
        int total = a.controls().size();
        assertThat(rows(all)).hasSize(total).startsWith("AC-01", "AC-02");
        assertThat(count(all)).isEqualTo(total + " of " + total);
        assertThat(all.body()).contains("No owner").contains("Not applicable").contains("href=\"/controls/export\"")
                .contains("href=\"/controls/import\"");

        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("q=multi-factor", "&q=multi-factor");
        filters.put("domain=access-control", "&domain=access-control");
        filters.put("criterion=CC6.1", "&criterion=CC6.1");
        filters.put("criterion=CC6", "&criterion=CC6");
        filters.put("category=availability", "&category=availability");
        filters.put("owner=none", "&owner=none");
        filters.put("owner=" + a.org().adminUserId(), "&owner=" + a.org().adminUserId());
        filters.put("status=IMPLEMENTED", "&status=IMPLEMENTED");
        filters.put("frequency=QUARTERLY", "&frequency=QUARTERLY");
        filters.put("applicable=false", "&applicable=false");
        filters.put("domain=access-control&status=DEFINED&q=access", "&domain=access-control&status=DEFINED&q=access");
        filters.forEach((page, apiQuery) -> {
            List<String> expected = refs(controls(api, apiQuery));
            Page filtered = a.admin().get("/controls?" + page);
            assertThat(rows(filtered)).as(page).isNotEmpty().isEqualTo(expected);
            assertThat(count(filtered)).as(page).isEqualTo(expected.size() + " of " + total);
        });
        assertThat(rows(a.admin().get("/controls?owner=" + a.org().adminUserId()))).containsExactly("AC-02");
        assertThat(rows(a.admin().get("/controls?status=IMPLEMENTED"))).containsExactly("CM-01");
        assertThat(rows(a.admin().get("/controls?applicable=false"))).containsExactly("AS-01");
        assertThat(rows(a.admin().get("/controls?domain=access-control"))).allMatch(ref -> ref.startsWith("AC-"));

        Page nothing = a.admin().get("/controls?q=no-such-words-anywhere");
        assertThat(rows(nothing)).isEmpty();
        assertThat(nothing.body()).contains("No controls match these filters");
        Page unreadable = a.admin().get("/controls?status=DONE");
        assertThat(unreadable.status()).isEqualTo(200);
        assertThat(unreadable.body()).contains("This filter could not be used: status");
        assertThat(rows(unreadable)).isEmpty();

        // htmx asks for the results only, and the count travels out of band into the live region
        Page fragment = a.admin().get("/controls?domain=access-control", Map.of("HX-Request", "true"));
        assertThat(fragment.body()).doesNotContain("<html").doesNotContain("control-filters")
                .contains("hx-swap-oob=\"innerHTML\"");
        assertThat(rows(fragment)).isEqualTo(rows(a.admin().get("/controls?domain=access-control")));
    }

    @Test
    void anEmptyLibraryExplainsItselfAndOffersTheLibraryOrAControlOfOnesOwn() {
        Organization org = newOrganization("Empty");
        Page page = signIn(org.adminEmail(), org.adminPassword()).get("/controls");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("No controls yet").contains("href=\"/controls/adopt\">Adopt the Evident library")
                .contains("href=\"/controls/new\">Write a control").doesNotContain("control-filters");
    }

    @Test
    void textInTheLibraryTableIsEscaped() {
        Organization org = newOrganization("Escaping");
        org.api().post("/api/v1/programs", Programs.typeTwo("SOC 2 2027"));
        Map<String, Object> control = ControlApiContract.custom("ESC-01", List.of("CC6.1"));
        control.put("title", "<script>alert('x')</script> & \"quoted\"");
        assertThat(org.api().post("/api/v1/controls", control).status()).isEqualTo(201);
        Page page = signIn(org.adminEmail(), org.adminPassword()).get("/controls");
        assertThat(page.body()).doesNotContain("<script>alert")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
    }

    @Test
    void theAdoptPageCountsWhatWouldBeAddedAndAdoptsTheChosenCategories() {
        Organization org = newOrganization("Adopt page");
        org.api().post("/api/v1/programs", Programs.typeTwo("SOC 2 2027", "availability"));
        WebSession admin = signIn(org.adminEmail(), org.adminPassword());

        Page page = admin.get("/controls/adopt");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"category-security\"").contains("id=\"category-availability\"")
                .doesNotContain("id=\"category-privacy\"")
                .contains("No program includes Privacy. Excluded in “SOC 2 2027”: Not part of the commitments")
                .contains(" to add");

        Page none = admin.post("/controls/adopt", Map.of());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("id=\"categories-error\"").contains("Choose at least one category");

        Page adopted = admin.postAll("/controls/adopt", List.of(Map.entry("categories", "availability")));
        assertThat(adopted.redirectsTo("/controls")).isTrue();
        int count = controls(org.api(), "").size();
        assertThat(count).isPositive();
        Page library = admin.get("/controls");
        assertThat(library.body()).contains("Adopted " + count + " controls from the Evident library.");
        assertThat(rows(library)).hasSize(count);

        Page again = admin.get("/controls/adopt");
        assertThat(again.body()).contains(count + " you already have");
        Page rest = admin.postAll("/controls/adopt", List.of(Map.entry("categories", "security"),
                Map.entry("categories", "availability")));
        assertThat(rest.redirectsTo("/controls")).isTrue();
        assertThat(admin.get("/controls").body()).contains("were skipped because you already have them.");
    }
}
