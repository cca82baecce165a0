package dev.evident.platform;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.identity.internal.Totp;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebSession;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Signing in through the UI: sessions in the database, lockout, second factor, signing out everywhere. */
abstract class SignInContract extends IntegrationTest {

    private static final String PASSWORD = "a long and unusual passphrase";

    @Autowired
    JdbcClient jdbc;

    /** Creates a member through an invitation and returns their email. */
    String newMember(String role) {
        String email = "person-" + System.nanoTime() + "@acme.example";
        String link = adminApi().post("/api/v1/invitations", body("email", email, "role", role)).json().get("acceptUrl").asText();
        WebSession session = browserlessSession();
        String path = link.substring(link.indexOf("/invite/"));
        session.get(path);
        assertThat(session.post(path, Map.of("displayName", "Person", "password", PASSWORD)).redirectsTo("/")).isTrue();
        return email;
    }

    String userId(String email) {
        return jdbc.sql("SELECT id FROM app_user WHERE email = :e").param("e", email).query(java.util.UUID.class).single().toString();
    }

    @Test
    void signingInStoresTheSessionInTheDatabaseWithSafeCookieFlags() {
        String email = newMember("EMPLOYEE");
        WebSession session = browserlessSession();
        var signedIn = session.signIn(email, PASSWORD);
        assertThat(signedIn.redirectsTo("/")).as(signedIn.toString()).isTrue();
        assertThat(session.get("/").status()).isEqualTo(200);
        int rows = jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE principal_name = :p").param("p", userId(email))
                .query(Integer.class).single();
        assertThat(rows).isGreaterThanOrEqualTo(1);
        var cookie = session.cookieObject("EVIDENT_SESSION");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
    }

    @Test
    void wrongPasswordShowsAClearMessageAndIsAudited() {
        String email = newMember("EMPLOYEE");
        WebSession session = browserlessSession();
        var refused = session.signIn(email, "not the password at all");
        assertThat(refused.redirectsTo("/login?error")).isTrue();
        assertThat(session.get("/login?error").body()).contains("Wrong email or password.");
        var failures = adminApi().get("/api/v1/audit-log?action=sign_in.failed&targetId=" + userId(email)).json().get("items");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).get("summary").get("reason").asText()).isEqualTo("wrong password");
    }

    @Test
    void repeatedFailuresLockTheAccountUntilTheLockoutPasses() {
        String email = newMember("EMPLOYEE");
        WebSession session = browserlessSession();
        for (int i = 0; i < 5; i++) {
            session.signIn(email, "wrong guess number " + i);
        }
        var locked = session.signIn(email, PASSWORD);
        assertThat(locked.redirectsTo("/login?error")).as("the right password is refused while locked").isTrue();
        assertThat(session.get("/login?error").body()).contains("locked");
        clock.tick(Duration.ofMinutes(16));
        assertThat(session.signIn(email, PASSWORD).redirectsTo("/")).isTrue();
    }

    @Test
    void secondFactorIsRequiredOnceEnrolledAndRecoveryCodesWorkOnce() {
        String email = newMember("CONTRIBUTOR");
        WebSession session = browserlessSession();
        session.signIn(email, PASSWORD);
        session.get("/profile");
        session.post("/profile/two-factor/start", Map.of());
        String profile = session.get("/profile").body();
        Matcher secret = Pattern.compile("id=\"totp-secret\"[^>]*value=\"([A-Z2-7]+)\"").matcher(profile);
        assertThat(secret.find()).as("the enrolment key is shown").isTrue();
        assertThat(profile).as("and a scannable QR code, inline SVG").contains("<svg", "QR code to add Evident", "h1v1h-1z");
        session.post("/profile/two-factor/confirm", Map.of("code", Totp.codeAt(secret.group(1), clock)));
        String confirmed = session.get("/profile").body();
        Matcher codes = Pattern.compile("<li><code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</code></li>").matcher(confirmed);
        assertThat(codes.find()).as("recovery codes are shown once").isTrue();
        String recoveryCode = codes.group(1);
        assertThat(session.get("/profile").body()).doesNotContain(recoveryCode);

        WebSession later = browserlessSession();
        var password = later.signIn(email, PASSWORD);
        assertThat(password.redirectsTo("/login/two-factor")).isTrue();
        assertThat(later.get("/").redirectsTo("/login")).as("no access before the second factor").isTrue();
        later.get("/login/two-factor");
        assertThat(later.post("/login/two-factor", Map.of("code", "000000")).body()).contains("not valid");
        clock.tick(Duration.ofSeconds(30));
        assertThat(later.post("/login/two-factor", Map.of("code", Totp.codeAt(secret.group(1), clock))).redirectsTo("/"))
                .isTrue();
        assertThat(later.get("/").status()).isEqualTo(200);

        WebSession withRecovery = browserlessSession();
        withRecovery.signIn(email, PASSWORD);
        withRecovery.get("/login/two-factor");
        assertThat(withRecovery.post("/login/two-factor", Map.of("code", recoveryCode)).redirectsTo("/")).isTrue();
        WebSession reuse = browserlessSession();
        reuse.signIn(email, PASSWORD);
        reuse.get("/login/two-factor");
        assertThat(reuse.post("/login/two-factor", Map.of("code", recoveryCode)).body()).contains("not valid");
        var methods = new java.util.ArrayList<String>();
        adminApi().get("/api/v1/audit-log?action=sign_in.succeeded&actorId=" + userId(email)).json().get("items")
                .forEach(e -> methods.add(e.get("summary").get("method").asText()));
        assertThat(methods).contains("password+totp", "password+recovery_code");
    }

    @Test
    void signingOutEverywhereEndsEverySessionOfThatUser() {
        String email = newMember("EMPLOYEE");
        WebSession laptop = browserlessSession();
        WebSession phone = browserlessSession();
        laptop.signIn(email, PASSWORD);
        phone.signIn(email, PASSWORD);
        assertThat(phone.get("/").status()).isEqualTo(200);
        laptop.get("/profile");
        assertThat(laptop.post("/profile/sign-out-everywhere", Map.of()).redirectsTo("/login?signedOut")).isTrue();
        assertThat(phone.get("/").redirectsTo("/login")).isTrue();
        assertThat(laptop.get("/").redirectsTo("/login")).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE principal_name = :p").param("p", userId(email))
                .query(Integer.class).single()).isZero();
        assertThat(adminApi().get("/api/v1/audit-log?action=sign_out.everywhere").json().get("items")).isNotEmpty();
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        WebSession session = browserlessSession();
        session.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        var forged = session.post("/invitations", Map.of("_csrf", "forged", "email", "x@acme.example", "role", "EMPLOYEE"));
        assertThat(forged.status()).isEqualTo(403);
    }

    @Test
    void pagesCarrySecurityHeadersAndNoStackTraces() {
        WebSession session = browserlessSession();
        var login = session.get("/login");
        assertThat(login.status()).isEqualTo(200);
        session.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        var missing = session.get("/members/../nothing-here");
        assertThat(missing.body()).doesNotContain("Exception").doesNotContain("at dev.evident");
    }

    @Test
    void roleChangesApplyOnTheNextRequestWithoutSigningOut() {
        String email = newMember("EMPLOYEE");
        WebSession session = browserlessSession();
        session.signIn(email, PASSWORD);
        assertThat(session.get("/members").status()).isEqualTo(403);
        String id = userId(email);
        long version = adminApi().get("/api/v1/members/" + id).json().get("version").asLong();
        adminApi().patch("/api/v1/members/" + id, body("role", "CONTRIBUTOR", "version", version));
        assertThat(session.get("/members").status()).isEqualTo(200);
        adminApi().delete("/api/v1/members/" + id);
        assertThat(session.get("/").redirectsTo("/organizations/none")).isTrue();
    }

    @Test
    void anInvitationLinkNeverSignsSomeoneInToAnExistingAccount() {
        String email = newMember("EMPLOYEE");
        var org = adminApi().get("/api/v1/organization").json();
        // a second organization invites the same person
        String suffix = Long.toString(System.nanoTime());
        var other = provisioning.createOrganizationWithAdmin("Other " + suffix, "other-" + suffix + "@other.example",
                "Other Admin", "another long passphrase 9", "test");
        String secret = "other-admin-token-" + suffix + "-0123456789abcdef";
        provisioning.registerToken(other, "other admin", dev.evident.shared.security.Role.ADMIN, secret, "test");
        String link = api(secret).post("/api/v1/invitations", body("email", email, "role", "AUDITOR")).json()
                .get("acceptUrl").asText();
        String path = link.substring(link.indexOf("/invite/"));

        WebSession stranger = browserlessSession();
        assertThat(stranger.get(path).body()).contains("Sign in to accept").doesNotContain("name=\"password\"");
        var attempt = stranger.post(path, Map.of("password", PASSWORD));
        assertThat(attempt.redirectsTo("/")).as("posting the password to the link signs nobody in").isFalse();
        assertThat(stranger.get("/").redirectsTo("/login")).as("still signed out").isTrue();

        WebSession invitee = browserlessSession();
        invitee.get(path);
        assertThat(invitee.signIn(email, PASSWORD).location()).as("back to the invitation after signing in").contains(path);
        invitee.get(path);
        assertThat(invitee.post(path, Map.of()).redirectsTo("/")).isTrue();
        assertThat(api(secret).get("/api/v1/members?limit=1000").json().get("items").findValuesAsString("email")).contains(email);
        assertThat(org.get("id").asText()).isNotBlank();
    }

    @Test
    void wrongSecondFactorCodesLockTheAccountToo() {
        String email = newMember("EMPLOYEE");
        WebSession session = browserlessSession();
        session.signIn(email, PASSWORD);
        session.get("/profile");
        session.post("/profile/two-factor/start", Map.of());
        Matcher secret = Pattern.compile("id=\"totp-secret\"[^>]*value=\"([A-Z2-7]+)\"").matcher(session.get("/profile").body());
        assertThat(secret.find()).isTrue();
        session.post("/profile/two-factor/confirm", Map.of("code", Totp.codeAt(secret.group(1), clock)));

        WebSession guesser = browserlessSession();
        guesser.signIn(email, PASSWORD);
        guesser.get("/login/two-factor");
        String last = "";
        for (int i = 0; i < 5; i++) {
            last = guesser.post("/login/two-factor", Map.of("code", String.format("%06d", 111111 * (i + 1) % 1_000_000))).body();
        }
        assertThat(last).contains("locked");
        assertThat(browserlessSession().signIn(email, PASSWORD).redirectsTo("/login?error")).as("locked for passwords too").isTrue();
        clock.tick(Duration.ofMinutes(16));
    }

    @Test
    void unknownEmailsGetTheSameLockoutMessageAsRealAccounts() {
        WebSession session = browserlessSession();
        String nobody = "nobody-" + System.nanoTime() + "@acme.example";
        for (int i = 0; i < 5; i++) {
            session.signIn(nobody, "wrong guess number " + i);
        }
        assertThat(session.get("/login?error").body()).contains("locked");
        clock.tick(Duration.ofMinutes(16));
    }

    @Autowired
    dev.evident.identity.Provisioning provisioning;
}
