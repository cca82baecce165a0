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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Brightwave's connections, fed from the recorded data: GitHub, Okta, Google Workspace and AWS (each
 * through its {@link DemoReplay}, so the real connector collects it) and the HR roster (the recorded export,
 * uploaded like any roster). All sync once at seeding, then daily on their schedule, replaying the same
 * recordings. Before today lie months of daily syncs ({@link DemoHistory}): their sync log, the check
 * results as intervals and the evidence records each evaluation leaves in the ledger. One failure is
 * accepted: the emergency change merged without review during an incident.
 *
 * <p>Seeded once per demo company (a second start finds the GitHub connection and only points the
 * connections at this run's replays; a source added to the demo since is connected then, without history). Starts before the sync scheduler, so a sync due at start-up already
 * finds the replays.
 */
@Component
class DemoMonitoring implements SmartLifecycle {

    static final String HR_ROSTER = "HR roster (people export)";
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
            for (DemoSource source : DemoSource.values()) {
                String url = replay.start(source.recording());
                try {
                    provisioning.organizationBySlug(DemoData.SLUG).ifPresent(orgId -> pointAtReplay(orgId, source, url));
                } catch (RuntimeException e) {
                    log.warn("Could not point the demo's {} connection at the replay {}: {}", source.displayName(), url,
                            e.getMessage(), e);
                }
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

    /** The replays' ports are new each run: the connections follow them (audited when they changed). */
    private void pointAtReplay(UUID orgId, DemoSource source, String url) {
        connections.connectionNamed(orgId, source.displayName()).ifPresent(id ->
                connections.updateSettings(Actor.system(orgId, "demo"), id, source.pointedAt(url)));
    }

    /** A demo connection and its sync at seeding. */
    private record Seeded(UUID id, String connector, Duration syncAt, Duration took, SyncSummary sync) {
    }

    /** Seeds the connections and their history unless the company has them; returns the evidence records added. */
    int seed(UUID orgId) {
        if (connections.connectionNamed(orgId, DemoSource.GITHUB.displayName()).isPresent()) {
            addMissingSources(orgId);
            return 0;
        }
        Optional<Program> program = programs.programs(orgId).stream().findFirst();
        Actor system = Actor.system(orgId, "demo");
        Actor jonas = member(orgId, "jonas@brightwave.example");
        Instant seededAt = clock.instant();
        history.setParameters(jonas, "github.owner-approved", Map.of("approvedAdmins", List.of("maya-chen", "tbecker")));
        history.setParameters(jonas, "aws.iam-admin-approved", Map.of("approvedAdmins",
                List.of("maya@brightwave.example", "tom@brightwave.example", "terraform-ci")));
        history.setParameters(jonas, "aws.sso-admin-approved", Map.of("approvedAdmins",
                List.of("maya@brightwave.example", "tom@brightwave.example")));

        UUID hr = connections.create(system, "hr-roster", HR_ROSTER, Map.of(), SYNC_INTERVAL_MINUTES);
        connections.upload(system, hr, "roster", "brightwave-people-export.csv",
                DemoRecording.render(DemoRecording.read(DemoRecording.HR_ROSTER), clock).getBytes(StandardCharsets.UTF_8));
        Map<DemoSource, UUID> created = new EnumMap<>(DemoSource.class);
        for (DemoSource source : DemoSource.values()) {
            created.put(source, connect(system, source));
        }

        // Evaluated here (after the background task's evaluation if that started first), each as soon as the
        // inventories its checks read are in place: the roster's and GitHub's checks read each other's
        List<Seeded> seeded = new ArrayList<>();
        seeded.add(new Seeded(hr, "hr-roster", DemoHistory.HR_SYNC, DemoHistory.HR_SYNC_TOOK, connections.syncNow(orgId, hr)));
        for (DemoSource source : DemoSource.values()) {
            UUID id = created.get(source);
            seeded.add(new Seeded(id, source.connector(), source.syncAt(), source.syncTook(), connections.syncNow(orgId, id)));
            if (source == DemoSource.GITHUB) {
                history.evaluateNow(orgId, hr);
            }
            history.evaluateNow(orgId, id);
        }
        List<Seeded> failed = seeded.stream().filter(s -> !"ok".equals(s.sync().status())).toList();
        if (!failed.isEmpty()) {
            failed.forEach(s -> log.warn("The demo's recorded {} sync did not succeed: {}", s.connector(), s.sync().error()));
            log.warn("No demo history seeded");
            return 0;
        }
        if (program.isEmpty()) {
            return 0;
        }
        UUID github = created.get(DemoSource.GITHUB);
        DemoHistory story = new DemoHistory(program.get().periodStart(), seededAt, resources(orgId));
        history.backfill(orgId, seededAt, story.past(history.openResults(orgId), github, hr));
        int records = history.recordEvidence(orgId, pastSyncs(orgId, story, seededAt, seeded));

        history.accept(jonas, EXCEPTED_CHECK, MonitoringHistory.resourceKey(github, EXCEPTED_PULL),
                "Emergency change during incident INC-231 (ingest outage); reviewed after the fact by Lena Park, "
                        + "see the incident report", seededAt.plus(Duration.ofDays(60)));
        return records;
    }

    /** Creates the source's connection, pointed at its replay, with its service accounts linked to their owners. */
    private UUID connect(Actor system, DemoSource source) {
        UUID id = connections.create(system, source.connector(), source.displayName(),
                source.settings(replay.start(source.recording())), SYNC_INTERVAL_MINUTES);
        for (DemoSource.OwnedAccount account : source.ownedAccounts()) {
            connections.linkAccount(system, id, account.resourceType(), account.externalId(), account.ownerEmail());
        }
        return id;
    }

    /**
     * A company seeded before a source joined the demo gets its connection, synced and evaluated now; its
     * history starts today (writing months of it under existing history would rewrite what the company shows).
     */
    private void addMissingSources(UUID orgId) {
        Actor system = Actor.system(orgId, "demo");
        for (DemoSource source : DemoSource.values()) {
            if (connections.connectionNamed(orgId, source.displayName()).isEmpty()) {
                UUID id = connect(system, source);
                SyncSummary sync = connections.syncNow(orgId, id);
                history.evaluateNow(orgId, id);
                log.info("Added the demo connection {} to the existing demo company (sync {})", source.displayName(),
                        sync.status());
            }
        }
    }

    /** One sync a day of each connection from the first day of history to today, in the log and as evidence. */
    private List<PastSync> pastSyncs(UUID orgId, DemoHistory story, Instant before, List<Seeded> seeded) {
        List<PastSync> syncs = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(before, ZoneOffset.UTC);
        for (LocalDate day = story.start(); !day.isAfter(today); day = day.plusDays(1)) {
            Instant midnight = day.atStartOfDay().toInstant(ZoneOffset.UTC);
            for (Seeded connection : seeded.stream().sorted(java.util.Comparator.comparing(Seeded::syncAt)).toList()) {
                Instant started = midnight.plus(connection.syncAt());
                if (started.plus(connection.took()).isBefore(before)) {
                    syncs.add(past(orgId, connection, started, story));
                }
            }
        }
        return syncs;
    }

    private PastSync past(UUID orgId, Seeded connection, Instant started, DemoHistory story) {
        UUID syncId = Ids.next(Clock.fixed(started, ZoneOffset.UTC));
        Instant finished = started.plus(connection.took());
        SyncSummary today = connection.sync();
        SyncSummary like = new SyncSummary(syncId, today.status(), story.countsAt(connection.id(), today.counts(), started),
                today.payloadDigest(), today.error());
        connections.recordPastSync(orgId, connection.id(), syncId, started, finished, like);
        return new PastSync(syncId, connection.id(), connection.connector(), finished, List.copyOf(like.counts().keySet()),
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
