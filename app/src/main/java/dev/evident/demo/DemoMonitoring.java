package dev.evident.demo;

import dev.evident.identity.OrganizationDirectory;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import dev.evident.identity.Provisioning;
import dev.evident.integration.ConnectionProvisioning;
import dev.evident.integration.ConnectionProvisioning.SyncSummary;
import dev.evident.integration.Inventory;
import dev.evident.integration.InventoryResource;
import dev.evident.monitoring.MonitoringHistory;
import dev.evident.monitoring.MonitoringHistory.PastSync;
import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import dev.evident.shared.Ids;
import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.ActorType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Brightwave's connections, fed from the recorded data: the GitHub organization (through
 * {@link DemoReplayServer}, so the real connector collects it) and the HR roster (the recorded export,
 * uploaded like any roster). Both sync once at seeding, then daily on their schedule, replaying the same
 * recording. Before today lie months of daily syncs ({@link DemoHistory}): their sync log, the check
 * results as intervals and the evidence records each evaluation leaves in the ledger. One failure is
 * accepted: the emergency change merged without review during an incident.
 *
 * <p>Seeded once per demo company (a second start finds the GitHub connection and only points it at this
 * run's replay). Starts before the sync scheduler, so a sync due at start-up already finds the replay.
 */
@Component
class DemoMonitoring implements SmartLifecycle {

    static final String GITHUB = "GitHub (brightwave)";
    static final String HR_ROSTER = "HR roster (people export)";
    static final String GITHUB_ORG = "brightwave";
    static final String EXCEPTED_CHECK = "github.pr-reviewed-by-another";
    static final String EXCEPTED_PULL = "api#431";
    static final int SYNC_INTERVAL_MINUTES = 24 * 60;

    private static final Logger log = LoggerFactory.getLogger(DemoMonitoring.class);

    private final DemoReplayServer replay;
    private final ConnectionProvisioning connections;
    private final MonitoringHistory history;
    private final Inventory inventory;
    private final ProgramDirectory programs;
    private final OrganizationDirectory directory;
    private final Provisioning provisioning;
    private final EvidentProperties properties;
    private final Clock clock;
    private volatile boolean running;

    DemoMonitoring(DemoReplayServer replay, ConnectionProvisioning connections, MonitoringHistory history,
                   Inventory inventory, ProgramDirectory programs, OrganizationDirectory directory,
                   Provisioning provisioning, EvidentProperties properties, Clock clock) {
        this.replay = replay;
        this.connections = connections;
        this.history = history;
        this.inventory = inventory;
        this.programs = programs;
        this.directory = directory;
        this.provisioning = provisioning;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        if (properties.demo()) {
            String url = replay.start();
            try {
                provisioning.organizationBySlug(DemoData.SLUG).ifPresent(orgId -> pointAtReplay(orgId, url));
            } catch (RuntimeException e) {
                log.warn("Could not point the demo's GitHub connection at the replay {}: {}", url, e.getMessage(), e);
            }
        }
        running = true;
    }

    @Override
    public void stop() {
        replay.destroy();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the sync scheduler (which runs in the default, last phase). */
    @Override
    public int getPhase() {
        return 0;
    }

    /** The replay's port is new each run: the GitHub connection follows it (audited when it changed). */
    private void pointAtReplay(UUID orgId, String url) {
        connections.connectionNamed(orgId, GITHUB).ifPresent(id ->
                connections.updateSettings(Actor.system(orgId, "demo"), id, Map.of("apiBaseUrl", url)));
    }

    /** Seeds the connections and their history unless the company has them; returns the evidence records added. */
    int seed(UUID orgId) {
        if (connections.connectionNamed(orgId, GITHUB).isPresent()) {
            return 0;
        }
        Optional<Program> program = programs.programs(orgId).stream().findFirst();
        Actor system = Actor.system(orgId, "demo");
        Actor jonas = member(orgId, "jonas@brightwave.example");
        Instant seededAt = clock.instant();
        history.setParameters(jonas, "github.owner-approved", Map.of("approvedAdmins", List.of("maya-chen", "tbecker")));

        UUID hr = connections.create(system, "hr-roster", HR_ROSTER, Map.of(), SYNC_INTERVAL_MINUTES);
        connections.upload(system, hr, "roster", "brightwave-people-export.csv",
                DemoRecording.render(DemoRecording.read(DemoRecording.HR_ROSTER), clock).getBytes(StandardCharsets.UTF_8));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("apiBaseUrl", replay.start());
        settings.put("organization", GITHUB_ORG);
        settings.put("authMode", "token");
        settings.put("token", "recorded-demo-token");
        settings.put("pullRequestDays", "200");
        UUID github = connections.create(system, "github", GITHUB, settings, SYNC_INTERVAL_MINUTES);

        // Evaluated here rather than by the background task, with both inventories in place
        SyncSummary hrSync = connections.syncNow(orgId, hr);
        SyncSummary githubSync = connections.syncNow(orgId, github);
        history.evaluateNow(orgId, hr);
        history.evaluateNow(orgId, github);
        if (!"ok".equals(hrSync.status()) || !"ok".equals(githubSync.status())) {
            log.warn("The demo's recorded syncs did not succeed (roster: {}, GitHub: {}); no history seeded",
                    hrSync.error(), githubSync.error());
            return 0;
        }
        if (program.isEmpty()) {
            return 0;
        }
        DemoHistory story = new DemoHistory(program.get().periodStart(), seededAt, resources(orgId));
        history.backfill(orgId, seededAt, story.past(history.openResults(orgId), github, hr));
        int records = history.recordEvidence(orgId, pastSyncs(orgId, story, seededAt, github, githubSync, hr, hrSync));

        history.accept(jonas, EXCEPTED_CHECK, MonitoringHistory.resourceKey(github, EXCEPTED_PULL),
                "Emergency change during incident INC-231 (ingest outage); reviewed after the fact by Lena Park, "
                        + "see the incident report", seededAt.plus(Duration.ofDays(60)));
        return records;
    }

    /** One sync a day of each connection from the first day of history to today, in the log and as evidence. */
    private List<PastSync> pastSyncs(UUID orgId, DemoHistory story, Instant before, UUID github, SyncSummary githubSync,
                                     UUID hr, SyncSummary hrSync) {
        List<PastSync> syncs = new ArrayList<>();
        for (LocalDate day = story.start(); ; day = day.plusDays(1)) {
            Instant midnight = day.atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant githubStart = midnight.plus(DemoHistory.GITHUB_SYNC);
            Instant hrStart = midnight.plus(DemoHistory.HR_SYNC);
            if (!hrStart.plus(DemoHistory.HR_SYNC_TOOK).isBefore(before)) {
                return syncs;
            }
            syncs.add(past(orgId, github, "github", githubStart, DemoHistory.GITHUB_SYNC_TOOK, githubSync, story));
            syncs.add(past(orgId, hr, "hr-roster", hrStart, DemoHistory.HR_SYNC_TOOK, hrSync, story));
        }
    }

    private PastSync past(UUID orgId, UUID connectionId, String connector, Instant started, Duration took, SyncSummary today,
                          DemoHistory story) {
        UUID syncId = Ids.next(Clock.fixed(started, ZoneOffset.UTC));
        Instant finished = started.plus(took);
        SyncSummary like = new SyncSummary(syncId, today.status(), story.countsAt(connectionId, today.counts(), started),
                today.payloadDigest(), today.error());
        connections.recordPastSync(orgId, connectionId, syncId, started, finished, like);
        return new PastSync(syncId, connectionId, connector, finished, List.copyOf(like.counts().keySet()),
                like.payloadDigest());
    }

    private Map<String, InventoryResource> resources(UUID orgId) {
        Map<String, InventoryResource> byKey = new HashMap<>();
        for (String type : inventory.types(orgId)) {
            inventory.forEach(orgId, type, r -> byKey.put(MonitoringHistory.resourceKey(r.connectionId(), r.externalId()), r));
        }
        return byKey;
    }

    private Actor member(UUID orgId, String email) {
        MemberSummary m = directory.memberByEmail(orgId, email)
                .orElseThrow(() -> new IllegalStateException("the demo company has no member " + email));
        return new Actor(ActorType.USER, m.userId(), m.email(), orgId, m.role(), m.userId(), null);
    }
}
