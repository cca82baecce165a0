package dev.evident.platform;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebSession;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Sessions live in the database and a browser sends requests in parallel: a page with the
 * fragments it loads, the favicon after the page, a second tab. None of that may sign a user out
 * or fail a request.
 *
 * <p>"Load now, save later" stands for a request that read the session before another request
 * changed it and writes its copy back afterwards, which is what happens when requests overlap.
 */
abstract class SessionConcurrencyContract extends IntegrationTest {

    @Autowired
    SessionRepository<? extends Session> sessions;

    @Autowired
    JdbcClient jdbc;

    /** The session id behind the browser's cookie (Spring Session writes it Base64-encoded). */
    private static String sessionId(WebSession browser) {
        String cookie = browser.cookie("EVIDENT_SESSION");
        assertThat(cookie).as("a session cookie").isNotNull();
        return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
    }

    /** Reads the session now, as a request that has just started would; the returned action saves it. */
    private Runnable loadNowSaveLater(String id, Consumer<Session> change) {
        return loadNowSaveLater(sessions, id, change);
    }

    private static <S extends Session> Runnable loadNowSaveLater(SessionRepository<S> repository, String id,
                                                                 Consumer<Session> change) {
        S session = repository.findById(id);
        assertThat(session).as("session " + id).isNotNull();
        return () -> {
            session.setLastAccessedTime(Instant.now());
            change.accept(session);
            repository.save(session);
        };
    }

    @Test
    void aRequestStillCarryingTheSignInPagesSessionDoesNotSignTheUserOut() {
        Organization org = newOrganization("Sessions");
        WebSession browser = browserlessSession();
        browser.get("/login");
        String signInPage = sessionId(browser);
        Runnable favicon = loadNowSaveLater(signInPage, session -> { });

        var signedIn = browser.post("/login", Map.of("email", org.adminEmail(), "password", org.adminPassword()));
        assertThat(signedIn.redirectsTo("/")).as(signedIn.toString()).isTrue();
        assertThat(sessionId(browser)).as("signing in starts a new session").isNotEqualTo(signInPage);
        assertThat(browser.get("/").status()).isEqualTo(200);

        favicon.run();
        assertThat(browser.get("/controls").status()).as("still signed in after the late save").isEqualTo(200);
        assertThat(sessions.findById(signInPage)).as("the sign-in page's session is gone").isNull();
    }

    @Test
    void aRequestStillCarryingTheInvitationPagesSessionDoesNotSignTheNewMemberOut() {
        String email = "late-save-" + System.nanoTime() + "@acme.example";
        String link = adminApi().post("/api/v1/invitations", body("email", email, "role", "EMPLOYEE")).json()
                .get("acceptUrl").asText();
        String path = link.substring(link.indexOf("/invite/"));
        WebSession browser = browserlessSession();
        browser.get(path);
        String invitationPage = sessionId(browser);
        Runnable stale = loadNowSaveLater(invitationPage, session -> { });

        var accepted = browser.post(path, Map.of("displayName", "Late Saver", "password", "a long and unusual passphrase"));
        assertThat(accepted.redirectsTo("/")).as(accepted.toString()).isTrue();
        assertThat(sessionId(browser)).isNotEqualTo(invitationPage);

        stale.run();
        assertThat(browser.get("/").status()).isEqualTo(200);
    }

    @Test
    void requestsThatAddTheSameAttributeAtOnceBothSucceedAndTheLastOneWins() {
        WebSession browser = browserlessSession();
        assertThat(browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD).redirectsTo("/")).isTrue();
        String id = sessionId(browser);
        Runnable page = loadNowSaveLater(id, session -> session.setAttribute("evident.test.concurrent", "page"));
        Runnable fragment = loadNowSaveLater(id, session -> session.setAttribute("evident.test.concurrent", "fragment"));

        page.run();
        fragment.run(); // a plain INSERT failed here on the attributes' primary key
        Session stored = sessions.findById(id);
        assertThat((String) stored.getAttribute("evident.test.concurrent")).isEqualTo("fragment");
        assertThat(browser.get("/").status()).isEqualTo(200);
    }

    @Test
    void theFirstPagesAfterSigningInCanLoadInParallel() throws Exception {
        Organization org = newOrganization("Parallel");
        WebSession browser = browserlessSession();
        assertThat(browser.signIn(org.adminEmail(), org.adminPassword()).redirectsTo("/")).isTrue();
        List<String> paths = List.of("/", "/notifications/bell", "/controls", "/notifications/bell", "/profile", "/");
        ExecutorService pool = Executors.newFixedThreadPool(paths.size());
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (String path : paths) {
                Callable<String> call = () -> path + " " + browser.get(path).status();
                answers.add(pool.submit(call));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get()).endsWith(" 200");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(browser.get("/controls").status()).isEqualTo(200);
    }

    @Test
    void staticFilesNeitherReadNorWriteTheSession() {
        WebSession browser = browserlessSession();
        assertThat(browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD).redirectsTo("/")).isTrue();
        String id = sessionId(browser);
        long lastAccess = lastAccess(id);
        for (String file : List.of("/css/evident.css", "/js/evident.js", "/img/favicon.svg",
                "/webjars/htmx.org/dist/htmx.min.js")) {
            var answer = browser.download(file);
            assertThat(answer.status()).as(file).isEqualTo(200);
            assertThat(answer.headers().allValues("Set-Cookie")).as(file).isEmpty();
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(file).hasValue("nosniff");
        }
        assertThat(lastAccess(id)).as("the session was not touched").isEqualTo(lastAccess);

        WebSession stranger = browserlessSession();
        var css = stranger.download("/css/evident.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aMissingStaticFileOpensNoSession() {
        WebSession stranger = browserlessSession();
        for (String path : List.of("/css/no-such-file.css", "/img/nothing.png", "/webjars/nothing.js")) {
            var answer = stranger.download(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).as(path).contains("couldn");
            assertThat(answer.headers().allValues("Set-Cookie")).as(path).isEmpty();
        }
        assertThat(stranger.download("/css/evident.css").status()).isEqualTo(200);
    }

    @Test
    void staticFilesAreReadOnly() {
        WebSession stranger = browserlessSession();
        stranger.get("/login");
        assertThat(stranger.post("/css/evident.css", Map.of()).status()).isEqualTo(403);
    }

    private long lastAccess(String id) {
        return jdbc.sql("SELECT last_access_time FROM spring_session WHERE session_id = :id").param("id", id)
                .query(Long.class).single();
    }
}
