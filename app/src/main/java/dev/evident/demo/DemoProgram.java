package dev.evident.demo;

import dev.evident.control.Control;
import dev.evident.control.ControlInput;
import dev.evident.control.ControlManagement;
import dev.evident.control.ControlStatus;
import dev.evident.control.RefOrder;
import dev.evident.program.Program;
import dev.evident.program.ProgramInput;
import dev.evident.program.ProgramInput.CategoryInput;
import dev.evident.program.ProgramInput.CommitmentInput;
import dev.evident.program.ProgramInput.ComplementaryControlInput;
import dev.evident.program.ProgramInput.ComponentInput;
import dev.evident.program.ProgramInput.ServiceInput;
import dev.evident.program.ProgramInput.SubserviceInput;
import dev.evident.program.ProgramInput.SystemInput;
import dev.evident.program.ProgramManagement;
import dev.evident.readiness.ProgramReadiness;
import dev.evident.shared.security.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Brightwave's SOC 2 Type II program, five months into its observation period and seven weeks into
 * the readiness push: scoped (Security, Availability,
 * Confidentiality), the library adopted, most controls owned, engineering-run domains largely
 * implemented, vendor management not started. The weeks before today are laid down as readiness
 * history by replaying the same steps and recording each as of its week.
 */
@Component
class DemoProgram {

    static final String NAME = "SOC 2 Type II";

    /**
     * How far each domain has come: who owns it, in which week (counted back from today) it got its
     * owner, and the share of its controls implemented by now. Owned means every control in the domain.
     */
    record DomainPlan(String domain, String ownerEmail, int ownedWeeksAgo, double implementedNow) {
    }

    static final List<DomainPlan> PLAN = List.of(
            new DomainPlan("access-control", "priya@brightwave.example", 6, 0.9),
            new DomainPlan("change-management", "tom@brightwave.example", 6, 0.85),
            new DomainPlan("operations-security", "priya@brightwave.example", 6, 0.86),
            new DomainPlan("logging-monitoring", "diego@brightwave.example", 4, 0.6),
            new DomainPlan("data-protection", "priya@brightwave.example", 4, 0.6),
            new DomainPlan("governance-risk", "jonas@brightwave.example", 4, 0.4),
            new DomainPlan("security-awareness", "lena@brightwave.example", 4, 0.5),
            new DomainPlan("asset-physical", "lena@brightwave.example", 2, 0.5),
            new DomainPlan("incident-response", "diego@brightwave.example", 2, 0.3),
            new DomainPlan("business-continuity", "diego@brightwave.example", 2, 0.2),
            new DomainPlan("vendor-risk", null, 0, 0.0));

    /** Checkpoints of the story, in weeks before today; at each one a share of the final progress is reached. */
    static final int[] WEEKS = {7, 6, 4, 2, 0};
    static final double[] SHARE = {0, 0, 0.4, 0.75, 1.0};

    private final ProgramManagement programs;
    private final ControlManagement controls;
    private final ProgramReadiness readiness;
    private final Clock clock;

    DemoProgram(ProgramManagement programs, ControlManagement controls, ProgramReadiness readiness, Clock clock) {
        this.programs = programs;
        this.controls = controls;
        this.readiness = readiness;
        this.clock = clock;
    }

    Program seed(UUID orgId, Map<String, UUID> peopleByEmail) {
        Actor system = Actor.system(orgId, "demo");
        Program program = programs.create(system, program(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
        List<Control> adopted = new ArrayList<>(controls.adopt(system, List.of(), List.of()));
        adopted.sort(Comparator.comparing(Control::ref, RefOrder.INSTANCE));
        Map<String, List<Control>> byDomain = adopted.stream().collect(Collectors.groupingBy(Control::domain));
        Instant now = clock.instant();
        for (int step = 0; step < WEEKS.length; step++) {
            int weeksAgo = WEEKS[step];
            for (DomainPlan plan : PLAN) {
                List<Control> domain = byDomain.getOrDefault(plan.domain(), List.of());
                if (plan.ownerEmail() != null && weeksAgo <= plan.ownedWeeksAgo()) {
                    UUID owner = peopleByEmail.get(plan.ownerEmail());
                    domain = domain.stream().map(c -> c.ownerUserId() == null ? assign(system, c, owner) : c).toList();
                }
                int implemented = (int) Math.round(domain.size() * plan.implementedNow() * SHARE[step]);
                List<Control> updated = new ArrayList<>();
                for (int i = 0; i < domain.size(); i++) {
                    Control c = domain.get(i);
                    updated.add(i < implemented && c.status() == ControlStatus.DEFINED && c.applicable()
                            ? controls.changeStatus(system, c.id(), ControlStatus.IMPLEMENTED.name(), c.version()) : c);
                }
                byDomain.put(plan.domain(), updated);
            }
            if (weeksAgo == 2) {
                byDomain.computeIfPresent("asset-physical", (k, list) -> list.stream().map(c -> c.ref().equals("AS-04")
                        ? notApplicable(system, c, "Brightwave is fully remote: there is no office or server room. "
                        + "Physical access to the hosting data centres is AWS's (carved out, see CSOC 1).") : c).toList());
            }
            if (weeksAgo > 0) {
                readiness.recordAt(orgId, program.id(), now.minus(Duration.ofDays(7L * weeksAgo)));
            }
        }
        return program;
    }

    private Control assign(Actor system, Control c, UUID owner) {
        return controls.update(system, c.id(), input(c, owner, c.applicable(), c.notApplicableReason()));
    }

    private Control notApplicable(Actor system, Control c, String reason) {
        return controls.update(system, c.id(), input(c, c.ownerUserId(), false, reason));
    }

    private static ControlInput input(Control c, UUID owner, boolean applicable, String reason) {
        return new ControlInput(c.ref(), c.title(), c.description(), c.domain(), c.type().name(), c.nature().name(),
                c.frequency().name(), owner == null ? null : owner.toString(), c.ownerRole(),
                new ControlInput.TestInput(c.test().method().name(), c.test().procedure()), c.evidence(), c.criteria(),
                null, applicable, reason, c.version());
    }

    /**
     * The program: a 12-month observation period that started on the first of the month five months
     * ago, so the demo shows months of evidence (see {@link DemoEvidence}) and the occurrences still to come.
     */
    static ProgramInput program(LocalDate today) {
        LocalDate start = periodStart(today);
        LocalDate end = start.plusMonths(12).minusDays(1);
        List<CategoryInput> categories = List.of(
                new CategoryInput("availability", true, null),
                new CategoryInput("processing-integrity", false, "Customers run their own analyses on the data they send; "
                        + "Brightwave makes no commitments about the completeness or accuracy of their processing."),
                new CategoryInput("confidentiality", true, null),
                new CategoryInput("privacy", false, "Brightwave processes personal information only as a processor on "
                        + "customers' instructions; customers' privacy commitments are theirs. Deferred to a later report."));
        return new ProgramInput(NAME + " " + start.getYear(), "soc2-2017", "TYPE_2", null, start.toString(),
                end.toString(), categories, List.of(), system(), null);
    }

    static LocalDate periodStart(LocalDate today) {
        return today.withDayOfMonth(1).minusMonths(5);
    }

    private static SystemInput system() {
        return new SystemInput("Brightwave Analytics Platform",
                List.of(new ServiceInput("Product analytics", "Collects product usage events from customers' web and "
                                + "mobile applications and turns them into dashboards, funnels and cohorts."),
                        new ServiceInput("Data export API", "Lets customers export their raw and aggregated events.")),
                List.of(new CommitmentInput("SERVICE_COMMITMENT", "99.9 % monthly availability of the dashboard and "
                                + "ingestion API, with service credits", "Master subscription agreement, SLA"),
                        new CommitmentInput("SERVICE_COMMITMENT", "Customer data kept confidential, encrypted in "
                                + "transit and at rest, and deleted within 30 days of contract end", "Master subscription agreement, DPA"),
                        new CommitmentInput("SERVICE_COMMITMENT", "Customers told of security incidents affecting "
                                + "their data within 72 hours", "Data processing addendum"),
                        new CommitmentInput("SYSTEM_REQUIREMENT", "Production access only through single sign-on "
                                + "with multi-factor authentication", "Access control policy"),
                        new CommitmentInput("SYSTEM_REQUIREMENT", "Daily encrypted backups kept 35 days, restores "
                                + "tested quarterly", "Backup policy")),
                List.of(new ComponentInput("INFRASTRUCTURE", "AWS eu-west-1", "VPC, EKS cluster, RDS PostgreSQL "
                                + "(multi-AZ), S3, CloudFront"),
                        new ComponentInput("SOFTWARE", "Ingestion and query services", "Java and Go services, "
                                + "deployed from GitHub through GitHub Actions"),
                        new ComponentInput("SOFTWARE", "Supporting tools", "Okta, Google Workspace, Linear, PagerDuty"),
                        new ComponentInput("PEOPLE", "Engineering", "14 engineers including a 3-person platform team"),
                        new ComponentInput("PEOPLE", "Customer success and support", "6 people with read-only access "
                                + "to account metadata"),
                        new ComponentInput("PROCEDURES", "Engineering procedures", "Change management, on-call, "
                                + "incident response, access requests and reviews"),
                        new ComponentInput("DATA", "Customer event data", "Product usage events and derived aggregates; "
                                + "confidential"),
                        new ComponentInput("DATA", "Account data", "Customer users' names, emails and settings")),
                "The production AWS account, the GitHub organization and the SaaS tools listed above. Customers' own "
                        + "applications, the SDKs once embedded in them, and corporate laptops' personal use are outside.",
                List.of(new ComplementaryControlInput("Customers manage their own users in Brightwave and remove "
                                + "leavers promptly", List.of("CC6.2", "CC6.3")),
                        new ComplementaryControlInput("Customers keep their API keys secret and rotate them when exposed",
                                List.of("CC6.1")),
                        new ComplementaryControlInput("Customers do not send sensitive personal information in event "
                                + "properties", List.of("C1.1"))),
                List.of(new SubserviceInput("Amazon Web Services", "Hosting, storage and managed databases",
                                "CARVE_OUT", List.of(
                                new ComplementaryControlInput("AWS restricts physical access to its data centres to "
                                        + "authorised staff", List.of("CC6.4")),
                                new ComplementaryControlInput("AWS maintains the redundancy and environmental protections "
                                        + "of its availability zones", List.of("A1.2")))),
                        new SubserviceInput("Okta", "Single sign-on and multi-factor authentication", "CARVE_OUT",
                                List.of(new ComplementaryControlInput("Okta keeps its authentication service available "
                                        + "and secure", List.of("CC6.1"))))));
    }
}
