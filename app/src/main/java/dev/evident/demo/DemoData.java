package dev.evident.demo;

import dev.evident.identity.Provisioning;
import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.security.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds "Brightwave Analytics", a fictional 40-person SaaS company, with one person per role.
 * Idempotent: a second start with demo mode on finds the company and leaves it alone.
 */
@Component
@Order(50)
class DemoData implements ApplicationRunner {

    static final String ORGANIZATION = "Brightwave Analytics";
    static final String SLUG = "brightwave-analytics";
    static final String PASSWORD = "brightwave demo 2026";

    record DemoPerson(String name, String email, Role role) {
    }

    static final List<DemoPerson> PEOPLE = List.of(
            new DemoPerson("Maya Chen", "maya@brightwave.example", Role.ADMIN),
            new DemoPerson("Jonas Weber", "jonas@brightwave.example", Role.COMPLIANCE_MANAGER),
            new DemoPerson("Priya Raman", "priya@brightwave.example", Role.CONTRIBUTOR),
            new DemoPerson("Sam Okafor", "sam@brightwave.example", Role.EMPLOYEE),
            new DemoPerson("Elena Ruiz (Ruiz & Hart CPAs)", "elena@ruizhart-cpa.example", Role.AUDITOR));

    /** Colleagues who own controls in the demo program; they can sign in too, but the banner lists one per role. */
    static final List<DemoPerson> CONTROL_OWNERS = List.of(
            new DemoPerson("Tom Becker", "tom@brightwave.example", Role.CONTRIBUTOR),
            new DemoPerson("Lena Park", "lena@brightwave.example", Role.CONTRIBUTOR),
            new DemoPerson("Diego Alvarez", "diego@brightwave.example", Role.CONTRIBUTOR));

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final Provisioning provisioning;
    private final DemoProgram program;
    private final DemoEvidence evidence;
    private final DemoMonitoring monitoring;
    private final EvidentProperties properties;
    private final TransactionTemplate transaction;

    DemoData(Provisioning provisioning, DemoProgram program, DemoEvidence evidence, DemoMonitoring monitoring,
             EvidentProperties properties, TransactionTemplate transaction) {
        this.evidence = evidence;
        this.monitoring = monitoring;
        this.provisioning = provisioning;
        this.program = program;
        this.properties = properties;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo()) {
            return;
        }
        if (provisioning.organizationBySlug(SLUG).isEmpty()) {
            // all or nothing: a half-seeded company would never be completed on the next start
            Seeded seeded = transaction.execute(status -> seed());
            // then the evidence, batch by batch, each batch its own transaction (idempotency keys make a re-run safe)
            long started = System.nanoTime();
            int items = evidence.seed(seeded.orgId(), seeded.program());
            log.info("Seeded {} evidence items for the demo company's program in {} ms", items,
                    (System.nanoTime() - started) / 1_000_000);
        }
        // Connections and months of check history: also for a demo company seeded before they existed
        UUID orgId = provisioning.organizationBySlug(SLUG).orElseThrow();
        long started = System.nanoTime();
        int records = monitoring.seed(orgId);
        if (records > 0) {
            log.info("Seeded the demo company's connections and check history ({} evidence records) in {} ms", records,
                    (System.nanoTime() - started) / 1_000_000);
        }
        StringBuilder banner = new StringBuilder("""

                ==================================================================
                  DEMO MODE: fictional company "%s" (not for production data)
                  Sign in with any of these accounts, password "%s":
                """.formatted(ORGANIZATION, PASSWORD));
        PEOPLE.forEach(p -> banner.append("    %-20s %s%n".formatted(p.role().label(), p.email())));
        banner.append("==================================================================");
        log.warn(banner.toString());
    }

    private record Seeded(UUID orgId, dev.evident.program.Program program) {
    }

    private Seeded seed() {
        DemoPerson admin = PEOPLE.get(0);
        UUID orgId = provisioning.createOrganizationWithAdmin(ORGANIZATION, admin.email(), admin.name(), PASSWORD, "demo");
        Map<String, UUID> people = new HashMap<>();
        for (DemoPerson person : PEOPLE.subList(1, PEOPLE.size())) {
            people.put(person.email(), provisioning.addUser(orgId, person.email(), person.name(), PASSWORD, person.role(), "demo"));
        }
        for (DemoPerson person : CONTROL_OWNERS) {
            people.put(person.email(), provisioning.addUser(orgId, person.email(), person.name(), PASSWORD, person.role(), "demo"));
        }
        dev.evident.program.Program seeded = program.seed(orgId, people);
        log.info("Seeded the demo company {} with {} people and its SOC 2 program", ORGANIZATION,
                PEOPLE.size() + CONTROL_OWNERS.size());
        return new Seeded(orgId, seeded);
    }
}
