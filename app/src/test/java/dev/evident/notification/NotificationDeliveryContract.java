package dev.evident.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.evident.identity.Provisioning;
import dev.evident.monitoring.CheckStateChanged;
import dev.evident.notification.internal.email.DailyDigest;
import dev.evident.notification.internal.webhook.DeliveryWorker;
import dev.evident.notification.internal.webhook.Signatures;
import dev.evident.shared.security.Role;
import dev.evident.testing.ApiClient;
import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.BackgroundWork;
import dev.evident.testing.GreenMailServer;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebhookReceiver;
import dev.evident.testing.WebSession;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Notifications leaving the application: emails to control owners through a real SMTP server
 * (GreenMail), the daily digest on the test clock, and signed webhooks to a real HTTP receiver
 * (WireMock) with retries. Check state changes are published directly, as the monitoring module
 * publishes them; immediate emails are sent by a db-scheduler task, which the tests await.
 */
@TestPropertySource(properties = {
        "evident.notifications.email.from=Evident <evident@test.example>",
        "evident.notifications.email.digest-cron=-",
        "evident.public-url=https://evident.test.example",
        // the receiver listens on 127.0.0.1
        "evident.webhooks.allow-private-addresses=true",
        // the tests run the worker themselves
        "evident.webhooks.poll-interval=1h"})
@org.springframework.context.annotation.Import(NotificationDeliveryContract.Smtp.class)
abstract class NotificationDeliveryContract extends IntegrationTest {

    /**
     * The mail sender, to GreenMail; while {@code down} it sends to a port nobody listens on instead,
     * so a send fails as it does when the SMTP server is unreachable.
     */
    static class SwitchableMailSender extends org.springframework.mail.javamail.JavaMailSenderImpl {
        volatile boolean down;
        private final org.springframework.mail.javamail.JavaMailSenderImpl unreachable =
                new org.springframework.mail.javamail.JavaMailSenderImpl();

        SwitchableMailSender() {
            setHost("127.0.0.1");
            setPort(GreenMailServer.instance().getSmtp().getPort());
            unreachable.setHost("127.0.0.1");
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                unreachable.setPort(socket.getLocalPort()); // closed again before anything connects
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected void doSend(MimeMessage[] messages, Object[] originals) {
            if (down) {
                unreachable.send(messages);
            } else {
                super.doSend(messages, originals);
            }
        }
    }

    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class Smtp {
        @org.springframework.context.annotation.Bean
        SwitchableMailSender mailSender() {
            return new SwitchableMailSender();
        }
    }

    @Autowired
    SwitchableMailSender smtp;
    @Autowired
    dev.evident.integration.BackgroundTasks backgroundTasks;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        GreenMailServer.register(registry);
    }

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    Provisioning provisioning;
    @Autowired
    DeliveryWorker worker;
    @Autowired
    DailyDigest digest;
    @Autowired
    Notifications notifications;
    @Autowired
    JdbcClient jdbc;

    record Member(UUID id, String email, String password) {
    }

    Member member(Organization org, String name, Role role) {
        String suffix = Long.toString(System.nanoTime(), 36);
        String email = name.toLowerCase().replace(' ', '.') + "-" + suffix + "@members.example";
        String password = "a long member passphrase " + suffix;
        return new Member(provisioning.addUser(org.id(), email, name, password, role, "test"), email, password);
    }

    WebSession signIn(String email, String password) {
        WebSession session = browserlessSession();
        assertThat(session.signIn(email, password).status()).isEqualTo(302);
        return session;
    }

    private static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\"[^>]*value=\"([^\"]+)\"");

    /** An API token of the organization's admin as a person (the bootstrap tokens belong to nobody). */
    ApiClient personalApi(Organization org) {
        WebSession admin = signIn(org.adminEmail(), org.adminPassword());
        admin.get("/tokens");
        assertThat(admin.post("/tokens", Map.of("name", "personal", "role", "ADMIN", "expiresInDays", "30")).status())
                .isEqualTo(302);
        Matcher m = NEW_TOKEN.matcher(admin.get("/tokens").body());
        assertThat(m.find()).as("the new token is shown once").isTrue();
        return api(m.group(1));
    }

    /** A control of the organization with the given owner (none when null); returns its id. */
    static String control(Organization org, String ref, UUID owner) {
        Map<String, Object> control = new LinkedHashMap<>();
        control.put("ref", ref);
        control.put("title", "Branch protection on production repositories " + ref);
        control.put("description", "Every production repository requires a reviewed pull request.");
        control.put("domain", "change-management");
        control.put("type", "preventive");
        control.put("nature", "automated");
        control.put("frequency", "continuous");
        if (owner != null) {
            control.put("ownerUserId", owner.toString());
        }
        control.put("test", body("method", "inspection", "procedure", "Inspect the branch protection settings."));
        control.put("evidence", List.of("Branch protection export"));
        control.put("criteria", List.of("CC8.1"));
        Response created = org.api().post("/api/v1/controls", control);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    CheckStateChanged change(Organization org, UUID checkId, String resource, String from, String to, String... controlIds) {
        return new CheckStateChanged(org.id(), checkId, "github.branch-protection", "Default branch is protected", 3, "high",
                "github.repository", "acme/" + resource, "acme/" + resource, to, from,
                "fail".equals(to) ? "required_approving_review_count is 0" : null, clock.instant(),
                java.util.Arrays.stream(controlIds).map(UUID::fromString).toList());
    }

    /** A later evaluation that changed one resource of the check. */
    void publish(CheckStateChanged change) {
        events.publishEvent(change);
        events.publishEvent(dev.evident.monitoring.CheckStateChanges.of(change));
    }

    /** One evaluation's changes of one check, as monitoring publishes them. */
    void publish(boolean firstEvaluation, List<CheckStateChanged> changes) {
        CheckStateChanged c = changes.get(0);
        changes.forEach(events::publishEvent);
        events.publishEvent(new dev.evident.monitoring.CheckStateChanges(c.orgId(), c.checkId(), c.checkKey(),
                c.checkTitle(), c.checkVersion(), c.severity(), c.at(), c.controlIds(), firstEvaluation, changes));
    }

    // --- email ---

    @Test
    void aFailingCheckEmailsEachOwnerOnceAndTheAdminsForAnUnownedControl() {
        Organization org = newOrganization("Owners");
        Member casey = member(org, "Casey Owner", Role.CONTRIBUTOR);
        String owned1 = control(org, "CM-01", casey.id());
        String owned2 = control(org, "CM-02", casey.id());
        String unowned = control(org, "CM-03", null);
        UUID checkId = UUID.randomUUID();

        publish(change(org, checkId, "api", "pass", "fail", owned1, owned2, unowned));
        BackgroundWork.awaitEmails(jdbc, org.id());

        List<MimeMessage> toCasey = GreenMailServer.to(casey.email());
        assertThat(toCasey).as("one email although Casey owns two mapped controls").hasSize(1);
        MimeMessage mail = toCasey.get(0);
        assertThat(GreenMailServer.subject(mail)).isEqualTo("Default branch is protected fails for acme/api (github.repository)");
        String text = GreenMailServer.part(mail, "text/plain");
        assertThat(text).contains("Outcome: pass → fail").contains("Reason: required_approving_review_count is 0")
                .contains("https://evident.test.example/checks/" + checkId);
        assertThat(GreenMailServer.part(mail, "text/html")).contains("href=\"https://evident.test.example/checks/" + checkId);
        assertThat(GreenMailServer.to(org.adminEmail())).as("the admin stands in for the unowned CM-03").hasSize(1);

        String inbox = signIn(casey.email(), casey.password()).get("/notifications").body();
        assertThat(inbox).contains("Default branch is protected fails for acme/api").contains("/checks/" + checkId);

        // the same change delivered twice, and a change that is not news, send nothing more
        publish(change(org, checkId, "api", "pass", "fail", owned1, owned2, unowned));
        publish(change(org, checkId, "web", null, "pass", owned1));
        publish(change(org, checkId, "web", "fail", "fail", owned1));
        BackgroundWork.awaitEmails(jdbc, org.id());
        assertThat(GreenMailServer.to(casey.email())).hasSize(1);

        // recovery is news again
        clock.tick(Duration.ofMinutes(5));
        publish(change(org, checkId, "api", "fail", "pass", owned1));
        BackgroundWork.awaitEmails(jdbc, org.id());
        assertThat(GreenMailServer.to(casey.email())).extracting(GreenMailServer::subject)
                .contains("Default branch is protected passes again for acme/api (github.repository)");
    }

    @Test
    void anUnreachableSmtpServerFailsNothingAndTheEmailIsTriedAgainLater() {
        Organization org = newOrganization("Outage");
        String controlId = control(org, "OU-01", org.adminUserId());
        smtp.down = true;
        try {
            // published on this thread as an evaluation does: the failing send happens elsewhere, later
            publish(change(org, UUID.randomUUID(), "outage", "pass", "fail", controlId));
            BackgroundWork.awaitEmails(jdbc, org.id());
        } finally {
            smtp.down = false;
        }
        Map<String, Object> row = jdbc.sql("SELECT status, attempts, next_attempt_at, last_error FROM notification_email_outbox"
                + " WHERE org_id = :org").param("org", org.id()).query().singleRow();
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
        assertThat((String) row.get("last_error")).contains("Could not send the email");
        assertThat(GreenMailServer.to(org.adminEmail())).isEmpty();
        assertThat(notifications.unread(org.id(), org.adminUserId())).as("the notification itself is stored").isEqualTo(1);

        // the first retry is due one minute later (evident.notifications.email.retry-delays)
        clock.tick(Duration.ofSeconds(61));
        backgroundTasks.checkNow();
        BackgroundWork.await("the retried email", () -> "SENT".equals(jdbc.sql(
                "SELECT status FROM notification_email_outbox WHERE org_id = :org").param("org", org.id())
                .query(String.class).single()));
        assertThat(GreenMailServer.to(org.adminEmail())).extracting(GreenMailServer::subject)
                .containsExactly("Default branch is protected fails for acme/outage (github.repository)");
    }

    @Test
    void aCheckMappedToNoControlOrToADepartedOwnerGoesToTheAdmins() {
        Organization org = newOrganization("Fallback");
        publish(change(org, UUID.randomUUID(), "infra", "pass", "error"));
        BackgroundWork.awaitEmails(jdbc, org.id());
        assertThat(GreenMailServer.to(org.adminEmail())).extracting(GreenMailServer::subject)
                .containsExactly("Default branch is protected could not be evaluated for acme/infra (github.repository)");
    }

    @Test
    void theDailyDigestCollectsTheDayAndIsSentOncePerDay() {
        // digests are per UTC day and this test adds a few hours: start where they stay within one day
        // (the shared clock may be anywhere in its day after the other tests' ticks)
        Instant now = clock.instant();
        Instant nine = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofHours(9));
        clock.set(nine.isAfter(now) ? nine : nine.plus(Duration.ofDays(1)));
        Organization org = newOrganization("Digest");
        Member dana = member(org, "Dana Digest", Role.CONTRIBUTOR);
        WebSession session = signIn(dana.email(), dana.password());
        assertThat(session.get("/notifications").body()).contains("Send me notifications by email");
        assertThat(session.post("/notifications/preferences", Map.of("email", "DAILY_DIGEST")).redirectsTo("/notifications"))
                .isTrue();
        assertThat(session.get("/notifications").body()).contains("Email preference saved.")
                .containsPattern("value=\"DAILY_DIGEST\"\\s+checked");
        String controlId = control(org, "DG-01", dana.id());
        UUID checkId = UUID.randomUUID();

        publish(change(org, checkId, "one", "pass", "fail", controlId));
        clock.tick(Duration.ofMinutes(1));
        publish(change(org, checkId, "two", "pass", "fail", controlId));
        assertThat(GreenMailServer.to(dana.email())).as("nothing immediately").isEmpty();

        digest.run();
        digest.run(); // a second node, or a second run the same day
        List<MimeMessage> digests = GreenMailServer.to(dana.email());
        assertThat(digests).hasSize(1);
        assertThat(GreenMailServer.subject(digests.get(0))).startsWith("Evident daily digest: 2 notifications in Digest");
        assertThat(GreenMailServer.part(digests.get(0), "text/plain")).contains("acme/one").contains("acme/two");

        clock.tick(Duration.ofHours(2));
        publish(change(org, checkId, "three", "pass", "fail", controlId));
        digest.run();
        assertThat(GreenMailServer.to(dana.email())).as("today's digest went out already").hasSize(1);

        clock.tick(Duration.ofDays(1));
        digest.run();
        List<MimeMessage> after = GreenMailServer.to(dana.email());
        assertThat(after).hasSize(2);
        String second = GreenMailServer.part(after.get(1), "text/plain");
        assertThat(second).contains("acme/three").doesNotContain("acme/one");
    }

    @Test
    void emailCanBeTurnedOffAndABadChoiceNamesTheField() {
        Organization org = newOrganization("Quiet");
        ApiClient olly = personalApi(org);
        Response bad = olly.raw("PUT", "/api/v1/notifications/preferences", "{\"email\":\"HOURLY\"}",
                "application/json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("email");
        assertThat(bad.json().get("errors").get(0).get("message").asText()).contains("IMMEDIATE, DAILY_DIGEST, OFF");
        JsonNode current = olly.get("/api/v1/notifications/preferences").json();
        assertThat(current.get("email").asText()).isEqualTo("IMMEDIATE");
        assertThat(current.get("emailEnabled").asBoolean()).isTrue();

        Response off = olly.raw("PUT", "/api/v1/notifications/preferences", "{\"email\":\"off\"}", "application/json");
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().get("email").asText()).isEqualTo("OFF");
        String controlId = control(org, "QT-01", org.adminUserId());
        publish(change(org, UUID.randomUUID(), "quiet", "pass", "fail", controlId));
        BackgroundWork.awaitEmails(jdbc, org.id());
        digest.run();
        assertThat(GreenMailServer.to(org.adminEmail())).isEmpty();
        assertThat(olly.get("/api/v1/notifications").json().get("unread").asInt()).as("still in the app").isEqualTo(1);
    }

    // --- webhooks ---

    record Hook(String id, String secret, String path) {
    }

    Hook hook(Organization org, String path, List<String> events) {
        Response created = org.api().post("/api/v1/webhooks", body("url", WebhookReceiver.url(path),
                "description", "Alerts", "events", events));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.json().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        return new Hook(created.json().get("webhook").get("id").asText(), secret, path);
    }

    static String uniquePath(String name) {
        return "/hooks/" + name + "-" + UUID.randomUUID();
    }

    static void assertSigned(LoggedRequest request, String secret) {
        String timestamp = request.getHeader("X-Evident-Timestamp");
        assertThat(request.getHeader("X-Evident-Signature"))
                .isEqualTo(Signatures.sign(secret, Long.parseLong(timestamp), request.getBodyAsString()));
    }

    JsonNode deliveries(Organization org, Hook hook) {
        Response r = org.api().get("/api/v1/webhooks/" + hook.id() + "/deliveries");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("items");
    }

    @Test
    void aFirstEvaluationOrALargeBatchIsOneSummaryPerOwnerAndOneWebhookEvent() {
        var receiver = WebhookReceiver.instance();
        Organization org = newOrganization("Grouped");
        Member gil = member(org, "Gil Owner", Role.CONTRIBUTOR);
        Hook hook = hook(org, uniquePath("grouped"), List.of("check.state_changed"));
        receiver.stubFor(post(urlEqualTo(hook.path())).willReturn(aResponse().withStatus(204)));
        String controlId = control(org, "GR-01", gil.id());
        UUID checkId = UUID.randomUUID();

        List<CheckStateChanged> first = new java.util.ArrayList<>();
        for (int i = 0; i < 37; i++) {
            first.add(change(org, checkId, "repo-" + i, null, "fail", controlId));
        }
        first.add(change(org, checkId, "fine", null, "pass", controlId)); // a first-seen pass is no news
        publish(true, first);
        BackgroundWork.awaitEmails(jdbc, org.id());
        worker.runDue();

        List<MimeMessage> mails = GreenMailServer.to(gil.email());
        assertThat(mails).extracting(GreenMailServer::subject)
                .containsExactly("Default branch is protected: 37 resources failing");
        String text = GreenMailServer.part(mails.get(0), "text/plain");
        assertThat(text).contains("First evaluation").contains("acme/repo-0 (github.repository): new → fail")
                .contains("and 27 more").doesNotContain("acme/repo-10 ");
        List<LoggedRequest> received = receiver.findAll(postRequestedFor(urlEqualTo(hook.path())));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getHeader("X-Evident-Event")).isEqualTo("check.state_changes");
        JsonNode data = ApiClient.JSON.readTree(received.get(0).getBodyAsString()).get("data");
        assertThat(data.get("firstEvaluation").asBoolean()).isTrue();
        assertThat(data.get("count").asInt()).isEqualTo(37);
        assertThat(data.get("counts").get("fail").asInt()).isEqualTo(37);
        assertThat(data.get("sample")).hasSize(10);
        assertThat(data.get("sample").get(0).get("resource").get("id").asText()).isEqualTo("acme/repo-0");

        // a later run: three changes are three messages, twelve are one summary
        clock.tick(Duration.ofHours(1));
        publish(false, List.of(change(org, checkId, "repo-0", "fail", "pass", controlId),
                change(org, checkId, "repo-1", "fail", "pass", controlId),
                change(org, checkId, "repo-2", "fail", "pass", controlId)));
        BackgroundWork.awaitEmails(jdbc, org.id());
        assertThat(GreenMailServer.to(gil.email())).hasSize(4);
        clock.tick(Duration.ofHours(1));
        List<CheckStateChanged> many = new java.util.ArrayList<>();
        for (int i = 3; i < 15; i++) {
            many.add(change(org, checkId, "repo-" + i, "fail", "pass", controlId));
        }
        publish(false, many);
        BackgroundWork.awaitEmails(jdbc, org.id());
        assertThat(GreenMailServer.to(gil.email())).hasSize(5).last().extracting(GreenMailServer::subject)
                .isEqualTo("Default branch is protected: 12 resources passing again");
    }

    @Test
    void aCheckStateChangeIsPostedSignedToSubscribedEndpointsOnly() {
        var receiver = WebhookReceiver.instance();
        Organization org = newOrganization("Hooks");
        Hook checks = hook(org, uniquePath("checks"), List.of("check.state_changed"));
        Hook stale = hook(org, uniquePath("stale"), List.of("evidence.stale"));
        receiver.stubFor(post(urlEqualTo(checks.path())).willReturn(aResponse().withStatus(204)));
        UUID checkId = UUID.randomUUID();
        String controlId = control(org, "WH-01", org.adminUserId());

        publish(change(org, checkId, "api", "pass", "fail", controlId));
        worker.runDue();

        List<LoggedRequest> received = receiver.findAll(postRequestedFor(urlEqualTo(checks.path())));
        assertThat(received).hasSize(1);
        LoggedRequest request = received.get(0);
        assertSigned(request, checks.secret());
        assertThat(request.getHeader("X-Evident-Event")).isEqualTo("check.state_changed");
        assertThat(request.getHeader("X-Evident-Timestamp")).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode payload = ApiClient.JSON.readTree(request.getBodyAsString());
        assertThat(payload.get("type").asText()).isEqualTo("check.state_changed");
        assertThat(payload.get("id").asText()).isNotBlank();
        assertThat(Instant.parse(payload.get("occurredAt").asText())).isNotNull();
        JsonNode data = payload.get("data");
        assertThat(data.get("check").get("id").asText()).isEqualTo(checkId.toString());
        assertThat(data.get("resource").get("id").asText()).isEqualTo("acme/api");
        assertThat(data.get("previousOutcome").asText()).isEqualTo("pass");
        assertThat(data.get("outcome").asText()).isEqualTo("fail");
        assertThat(data.get("controlIds").get(0).asText()).isEqualTo(controlId);
        assertThat(data.get("link").asText()).isEqualTo("/checks/" + checkId);

        JsonNode log = deliveries(org, checks);
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("id").asText()).isEqualTo(request.getHeader("X-Evident-Delivery"));
        assertThat(log.get(0).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(log.get(0).get("lastStatusCode").asInt()).isEqualTo(204);
        assertThat(log.get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(deliveries(org, stale)).as("subscribed to evidence.stale only").isEmpty();
    }

    @Test
    void staleEvidenceReachesEndpointsThatSubscribedToIt() {
        var receiver = WebhookReceiver.instance();
        Organization org = newOrganization("Stale hooks");
        Hook stale = hook(org, uniquePath("stale"), List.of("evidence.stale"));
        receiver.stubFor(post(urlEqualTo(stale.path())).willReturn(aResponse().withStatus(200)));

        notifications.notify(new Notifications.Notice(org.id(), org.adminUserId(), "evidence.stale",
                "CM-01: evidence missing", "No evidence for the quarter.", "/controls/x", "stale-test-" + UUID.randomUUID()));
        worker.runDue();

        List<LoggedRequest> received = receiver.findAll(postRequestedFor(urlEqualTo(stale.path())));
        assertThat(received).hasSize(1);
        assertSigned(received.get(0), stale.secret());
        JsonNode payload = ApiClient.JSON.readTree(received.get(0).getBodyAsString());
        assertThat(payload.get("type").asText()).isEqualTo("evidence.stale");
        assertThat(payload.get("data").get("subject").asText()).isEqualTo("CM-01: evidence missing");
    }

    @Test
    void aFailedDeliveryIsRetriedAfterTheFirstPauseAndThenSucceeds() {
        var receiver = WebhookReceiver.instance();
        Organization org = newOrganization("Retry");
        Hook hook = hook(org, uniquePath("retry"), List.of("all"));
        receiver.stubFor(post(urlEqualTo(hook.path())).inScenario(hook.path()).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("temporarily broken")).willSetStateTo("recovered"));
        receiver.stubFor(post(urlEqualTo(hook.path())).inScenario(hook.path()).whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withBody("ok")));

        publish(change(org, UUID.randomUUID(), "api", "pass", "fail"));
        worker.runDue();
        JsonNode first = deliveries(org, hook).get(0);
        assertThat(first.get("status").asText()).isEqualTo("PENDING");
        assertThat(first.get("attempts").asInt()).isEqualTo(1);
        assertThat(first.get("lastStatusCode").asInt()).isEqualTo(500);
        assertThat(first.get("lastResponse").asText()).isEqualTo("temporarily broken");
        assertThat(first.get("lastError").asText()).contains("answered 500");
        assertThat(Instant.parse(first.get("nextAttemptAt").asText()))
                .isEqualTo(Instant.parse(first.get("lastAttemptAt").asText()).plus(Duration.ofMinutes(1)));

        worker.runDue();
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(hook.path())))).as("not due yet").hasSize(1);

        clock.tick(Duration.ofMinutes(1));
        worker.runDue();
        List<LoggedRequest> received = receiver.findAll(postRequestedFor(urlEqualTo(hook.path())));
        assertThat(received).hasSize(2);
        assertThat(received.get(1).getHeader("X-Evident-Delivery")).isEqualTo(received.get(0).getHeader("X-Evident-Delivery"));
        assertSigned(received.get(1), hook.secret());
        JsonNode done = deliveries(org, hook).get(0);
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        assertThat(done.get("lastStatusCode").asInt()).isEqualTo(200);
        assertThat(done.get("nextAttemptAt").isNull()).isTrue();
    }

    @Test
    void aDeliveryThatKeepsFailingGivesUpAfterTheLastPause() {
        var receiver = WebhookReceiver.instance();
        Organization org = newOrganization("Give up");
        Hook hook = hook(org, uniquePath("down"), List.of("check.state_changed"));
        receiver.stubFor(post(urlEqualTo(hook.path())).willReturn(aResponse().withStatus(503)));

        publish(change(org, UUID.randomUUID(), "api", "fail", "error"));
        List<Duration> pauses = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(12));
        worker.runDue();
        for (Duration pause : pauses) {
            JsonNode pending = deliveries(org, hook).get(0);
            assertThat(pending.get("status").asText()).isEqualTo("PENDING");
            assertThat(Instant.parse(pending.get("nextAttemptAt").asText()))
                    .isEqualTo(Instant.parse(pending.get("lastAttemptAt").asText()).plus(pause));
            clock.tick(pause);
            worker.runDue();
        }
        JsonNode failed = deliveries(org, hook).get(0);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("attempts").asInt()).isEqualTo(6);
        assertThat(failed.get("nextAttemptAt").isNull()).isTrue();
        clock.tick(Duration.ofDays(2));
        worker.runDue();
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(hook.path())))).hasSize(6);

        // an admin can send it again once the receiver is back
        receiver.stubFor(post(urlEqualTo(hook.path())).willReturn(aResponse().withStatus(200)));
        Response again = org.api().post("/api/v1/webhooks/" + hook.id() + "/deliveries/" + failed.get("id").asText()
                + "/redeliver", Map.of());
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        worker.runDue();
        JsonNode log = deliveries(org, hook);
        assertThat(log).hasSize(2);
        assertThat(log.get(0).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(log.get(0).get("eventId").asText()).isEqualTo(failed.get("eventId").asText());
    }

    @Test
    void aPingIsSignedWithTheCurrentSecretAndRotationReplacesIt() {
        var receiver = WebhookReceiver.instance();
        Organization org = newOrganization("Ping");
        Hook hook = hook(org, uniquePath("ping"), List.of("all"));
        receiver.stubFor(post(urlEqualTo(hook.path())).willReturn(aResponse().withStatus(200).withBody("pong")));

        Response ping = org.api().post("/api/v1/webhooks/" + hook.id() + "/ping", Map.of());
        assertThat(ping.status()).as(ping.body()).isEqualTo(200);
        assertThat(ping.json().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(ping.json().get("lastResponse").asText()).isEqualTo("pong");

        Response rotated = org.api().post("/api/v1/webhooks/" + hook.id() + "/rotate-secret", Map.of());
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newSecret = rotated.json().get("secret").asText();
        assertThat(newSecret).isNotEqualTo(hook.secret());
        org.api().post("/api/v1/webhooks/" + hook.id() + "/ping", Map.of());

        List<LoggedRequest> received = receiver.findAll(postRequestedFor(urlEqualTo(hook.path())));
        assertThat(received).hasSize(2);
        assertThat(received.get(0).getHeader("X-Evident-Event")).isEqualTo("ping");
        assertSigned(received.get(0), hook.secret());
        assertSigned(received.get(1), newSecret);
        assertThat(org.api().get("/api/v1/webhooks/" + hook.id()).body()).doesNotContain(newSecret);
        assertThat(org.api().get("/api/v1/audit-log?action=webhook.secret_rotated").json().get("items")).hasSize(1);
    }

    @Test
    void webhooksAreForAdminsAndBadInputNamesTheField() {
        Organization org = newOrganization("Hook rules");
        String contributorToken = "contributor-token-" + System.nanoTime() + "-0123456789abcdef";
        provisioning.registerToken(org.id(), "contributor", Role.CONTRIBUTOR, contributorToken, "test");
        assertThat(api(contributorToken).get("/api/v1/webhooks").status()).isEqualTo(403);
        assertThat(api(contributorToken).post("/api/v1/webhooks", body("url", WebhookReceiver.url("/x"),
                "events", List.of("all"))).status()).isEqualTo(403);

        Response badEvent = org.api().post("/api/v1/webhooks", body("url", WebhookReceiver.url("/x"),
                "events", List.of("check.state_changed", "control.deleted")));
        assertThat(badEvent.status()).isEqualTo(400);
        assertThat(badEvent.json().get("errors").get(0).get("field").asText()).isEqualTo("events[1]");
        Response noScheme = org.api().post("/api/v1/webhooks", body("url", "hooks.example.com/x", "events", List.of("all")));
        assertThat(noScheme.status()).isEqualTo(400);
        assertThat(noScheme.json().get("errors").get(0).get("field").asText()).isEqualTo("url");
        assertThat(org.api().get("/api/v1/webhooks").json().get("items")).as("nothing half-written").isEmpty();

        Hook hook = hook(org, uniquePath("rules"), List.of("all"));
        Response paused = org.api().patch("/api/v1/webhooks/" + hook.id(), body("active", false));
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().get("active").asBoolean()).isFalse();
        publish(change(org, UUID.randomUUID(), "api", "pass", "fail"));
        assertThat(deliveries(org, hook)).as("a paused endpoint gets nothing").isEmpty();

        Organization other = newOrganization("Other tenant");
        assertThat(other.api().get("/api/v1/webhooks/" + hook.id()).status()).isEqualTo(404);
        assertThat(org.api().delete("/api/v1/webhooks/" + hook.id()).status()).isEqualTo(204);
        assertThat(org.api().get("/api/v1/webhooks/" + hook.id()).status()).isEqualTo(404);
    }

    @Test
    void theAdminPageRegistersAnEndpointShowsTheSecretOnceAndLogsAPing() {
        var receiver = WebhookReceiver.instance();
        Organization org = newOrganization("Hook page");
        String path = uniquePath("page");
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(202).withBody("accepted")));
        WebSession admin = signIn(org.adminEmail(), org.adminPassword());
        assertThat(admin.get("/webhooks").body()).contains("Add an endpoint");

        WebSession.Page created = admin.postAll("/webhooks", List.of(Map.entry("url", WebhookReceiver.url(path)),
                Map.entry("description", "Chat <bridge>"), Map.entry("events", "check.state_changed"),
                Map.entry("events", "evidence.stale")));
        assertThat(created.status()).isEqualTo(302);
        String detailPath = created.location().replaceFirst("^https?://[^/]+", "");
        String detail = admin.get(detailPath).body();
        Matcher secret = Pattern.compile("id=\"new-secret\"[^>]*value=\"(whsec_[^\"]+)\"").matcher(detail);
        assertThat(secret.find()).as("the secret is shown after creation").isTrue();
        assertThat(detail).contains("Chat &lt;bridge&gt;").contains("check.state_changed, evidence.stale");
        assertThat(admin.get(detailPath).body()).as("and only once").doesNotContain(secret.group(1));

        assertThat(admin.post(detailPath + "/ping", Map.of()).status()).isEqualTo(302);
        String afterPing = admin.get(detailPath).body();
        assertThat(afterPing).contains("Ping delivered: the endpoint answered 202.").contains("<code>ping</code>")
                .contains("accepted");
        List<LoggedRequest> received = receiver.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(received).hasSize(1);
        assertSigned(received.get(0), secret.group(1));
    }

    @Test
    void twoNodesSendEachDeliveryOnceAndOneDigestPerMember() throws Exception {
        var receiver = WebhookReceiver.instance();
        Organization org = newOrganization("Two nodes");
        Hook hook = hook(org, uniquePath("nodes"), List.of("all"));
        receiver.stubFor(post(urlEqualTo(hook.path())).willReturn(aResponse().withStatus(200).withFixedDelay(20)));
        ApiClient admin = personalApi(org);
        assertThat(admin.raw("PUT", "/api/v1/notifications/preferences", "{\"email\":\"DAILY_DIGEST\"}",
                "application/json").status()).isEqualTo(200);
        for (int i = 0; i < 8; i++) {
            publish(change(org, UUID.randomUUID(), "repo-" + i, "pass", "fail"));
        }

        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            var first = nodes.submit(worker::runDue);
            var second = nodes.submit(worker::runDue);
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);
            var digestA = nodes.submit(digest::run);
            var digestB = nodes.submit(digest::run);
            digestA.get(60, TimeUnit.SECONDS);
            digestB.get(60, TimeUnit.SECONDS);
        } finally {
            nodes.shutdownNow();
        }

        List<LoggedRequest> received = receiver.findAll(postRequestedFor(urlEqualTo(hook.path())));
        assertThat(received).hasSize(8);
        assertThat(received.stream().map(r -> r.getHeader("X-Evident-Delivery")).distinct()).hasSize(8);
        JsonNode log = deliveries(org, hook);
        assertThat(log).hasSize(8).allSatisfy(d -> {
            assertThat(d.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(d.get("attempts").asInt()).isEqualTo(1);
        });
        List<MimeMessage> mails = GreenMailServer.to(org.adminEmail());
        assertThat(mails).hasSize(1);
        assertThat(GreenMailServer.subject(mails.get(0))).startsWith("Evident daily digest: 8 notifications");

        // finished deliveries leave the log after the retention period
        clock.tick(Duration.ofDays(89));
        worker.purge();
        assertThat(deliveries(org, hook)).hasSize(8);
        clock.tick(Duration.ofDays(2));
        worker.purge();
        assertThat(deliveries(org, hook)).isEmpty();
    }
}
