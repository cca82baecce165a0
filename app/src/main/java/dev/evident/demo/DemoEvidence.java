package dev.evident.demo;

import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.control.ControlStatus;
import dev.evident.evidence.EvidenceFiles;
import dev.evident.evidence.EvidenceIngest;
import dev.evident.evidence.EvidenceIngest.NewRecord;
import dev.evident.evidence.EvidenceKind;
import dev.evident.monitoring.MonitoringHistory;
import dev.evident.program.Program;
import dev.evident.shared.security.Actor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Months of evidence for Brightwave's implemented controls, laid down from the start of the program's
 * period to yesterday, by frequency: monthly monitoring summaries for continuous controls, weekly
 * roll-ups of daily checks, weekly scan results, monthly and quarterly reports (the quarterly ones as
 * small text files), events for per-event controls, and this year's annual reviews for most annual
 * controls. With the gaps a real company has:
 * <ul>
 *   <li>{@value #MISSED_QUARTER}: the first quarter's management security review was never held (the second one was;
 *       not the access review AC-06, which the identity providers' checks now evidence daily);</li>
 *   <li>{@value #SCAN_GAP}: two weeks without a vulnerability scan (weeks 10 and 11, the scanner's licence lapsed);</li>
 *   <li>{@value #MISSED_MONTH}: no monthly report since the month before last, so the control is stale.</li>
 * </ul>
 * Deterministic for a given day: the same dates, titles and contents, with idempotency keys, so
 * seeding twice stores nothing new. Records go in batches, each batch one transaction.
 */
@Component
class DemoEvidence {

    static final String MISSED_QUARTER = "GV-05";
    static final String SCAN_GAP = "OS-01";
    static final String MISSED_MONTH = "OS-06";
    /** Weekly windows (0-based) without a scan. */
    static final Set<Integer> SCAN_GAP_WEEKS = Set.of(9, 10);

    private static final int BATCH = 250;

    private final ControlDirectory controls;
    private final EvidenceIngest ingest;
    private final EvidenceFiles files;
    private final MonitoringHistory monitoring;
    private final Clock clock;

    DemoEvidence(ControlDirectory controls, EvidenceIngest ingest, EvidenceFiles files, MonitoringHistory monitoring,
                 Clock clock) {
        this.monitoring = monitoring;
        this.controls = controls;
        this.ingest = ingest;
        this.files = files;
        this.clock = clock;
    }

    /** Seeds the evidence; returns how many items were stored. */
    int seed(UUID orgId, Program program) {
        Actor system = Actor.system(orgId, "demo");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate start = program.periodStart();
        LocalDate last = today.minusDays(1);
        List<NewRecord> records = new ArrayList<>();
        List<EvidenceFiles.NewFile> newFiles = new ArrayList<>();
        List<Control> operating = controls.controls(orgId).stream()
                .filter(c -> c.applicable() && c.status() == ControlStatus.IMPLEMENTED).toList();
        Set<UUID> checked = monitoring.checkedControls(orgId);
        int annual = 0;
        for (Control c : operating) {
            List<UUID> controlIds = List.of(c.id());
            List<UUID> programIds = List.of(program.id());
            switch (c.frequency()) {
                case CONTINUOUS -> {
                    if (checked.contains(c.id())) {
                        break; // the demo's check history leaves this control's evidence, sync by sync
                    }
                    for (LocalDate from = start; !from.isAfter(last); from = from.plusMonths(1)) {
                        LocalDate to = min(from.plusMonths(1).minusDays(1), last);
                        records.add(record(c, c.ref() + " monitoring summary, " + from.getMonth().getDisplayName(
                                java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " " + from.getYear(),
                                Map.of("checks", 24 * (int) (to.toEpochDay() - from.toEpochDay() + 1), "alerts", c.ref().length() % 3,
                                        "status", "all checks passing at the end of the period"), from, to, controlIds, programIds));
                    }
                }
                case DAILY -> {
                    for (LocalDate from = start; !from.isAfter(last); from = from.plusWeeks(1)) {
                        LocalDate to = min(from.plusDays(6), last);
                        int days = (int) (to.toEpochDay() - from.toEpochDay() + 1);
                        records.add(record(c, c.ref() + " daily checks, " + from + " to " + to,
                                Map.of("days", days, "passed", days, "failed", 0), from, to, controlIds, programIds));
                    }
                }
                case WEEKLY -> {
                    int week = 0;
                    for (LocalDate from = start; !from.plusDays(2).isAfter(last); from = from.plusWeeks(1), week++) {
                        if (c.ref().equals(SCAN_GAP) && SCAN_GAP_WEEKS.contains(week)) {
                            continue;
                        }
                        LocalDate day = from.plusDays(2);
                        records.add(record(c, c.ref() + " weekly results, week of " + from, Map.of("critical", 0,
                                "high", (week * 7 + c.ref().length()) % 4, "medium", 3 + week % 5, "hostsScanned", 42),
                                day, day, controlIds, programIds));
                    }
                }
                case MONTHLY -> {
                    int month = 0;
                    for (LocalDate from = start; !from.plusDays(9).isAfter(last); from = from.plusMonths(1), month++) {
                        if (c.ref().equals(MISSED_MONTH) && !from.isBefore(today.withDayOfMonth(1).minusMonths(1))) {
                            continue;
                        }
                        LocalDate day = from.plusDays(9);
                        records.add(record(c, c.ref() + " monthly report, " + from.getMonth().getDisplayName(
                                java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " " + from.getYear(),
                                Map.of("reviewed", true, "month", from.toString().substring(0, 7), "findings", month % 2),
                                day, day, controlIds, programIds));
                    }
                }
                case QUARTERLY -> {
                    int quarter = 1;
                    for (LocalDate from = start; !from.plusDays(20).isAfter(last); from = from.plusMonths(3), quarter++) {
                        if (c.ref().equals(MISSED_QUARTER) && quarter == 1) {
                            continue;
                        }
                        LocalDate day = from.plusDays(20);
                        String name = c.ref().toLowerCase(java.util.Locale.ROOT) + "-quarter-" + quarter + ".txt";
                        String text = c.ref() + " " + c.title() + "\nQuarter " + quarter + " of the period " + program.periodLabel()
                                + "\nPerformed on " + day + " by the control owner.\nResult: completed; "
                                + (quarter + c.ref().length()) % 3 + " follow-up items, tracked to closure.\n";
                        newFiles.add(new EvidenceFiles.NewFile(name, text.getBytes(StandardCharsets.UTF_8),
                                c.ref() + " quarter " + quarter + " report", "Signed off by the control owner", day, null,
                                collected(day), controlIds, programIds, "demo:" + c.ref() + ":" + day));
                    }
                }
                case ANNUAL -> {
                    if (annual++ % 3 != 2) {
                        LocalDate day = min(start.plusMonths(1).plusDays(4), last);
                        records.add(record(c, c.ref() + " annual review " + start.getYear(), Map.of("approvedBy",
                                "Jonas Weber", "version", "2." + annual), day, day, controlIds, programIds));
                    }
                }
                case PER_EVENT -> {
                    int n = 0;
                    for (LocalDate from = start; !from.isAfter(last); from = from.plusMonths(1)) {
                        for (int offset : new int[] {4, 18}) {
                            LocalDate day = from.plusDays(offset);
                            if (!day.isAfter(last)) {
                                records.add(record(c, c.ref() + " event " + (++n) + " (" + day + ")", Map.of("event", n,
                                        "handledWithin", "1 business day", "ticket", "BW-" + (1000 + n * 7 + c.ref().length())),
                                        day, day, controlIds, programIds));
                            }
                        }
                    }
                }
                default -> throw new IllegalStateException("unknown frequency " + c.frequency());
            }
        }
        int stored = 0;
        for (int i = 0; i < records.size(); i += BATCH) {
            stored += ingest.addRecords(system, records.subList(i, Math.min(records.size(), i + BATCH))).size();
        }
        for (EvidenceFiles.NewFile file : newFiles) {
            files.addFile(system, file);
            stored++;
        }
        return stored;
    }

    private NewRecord record(Control c, String title, Map<String, Object> data, LocalDate from, LocalDate to,
                             List<UUID> controlIds, List<UUID> programIds) {
        Map<String, Object> content = new LinkedHashMap<>(data);
        content.put("control", c.ref());
        return new NewRecord(EvidenceKind.CONNECTOR_RECORD, title, null, content, from, to, collected(to), connector(c),
                "scheduled collection for " + c.ref(), controlIds, programIds, "demo:" + c.ref() + ":" + from + ":" + to);
    }

    private Instant collected(LocalDate day) {
        Instant at = day.plusDays(1).atTime(6, 0).toInstant(ZoneOffset.UTC);
        return at.isAfter(clock.instant()) ? clock.instant() : at;
    }

    private static String connector(Control c) {
        return switch (c.domain()) {
            case "access-control" -> "okta";
            case "change-management" -> "github";
            case "security-awareness" -> "google-workspace";
            case "incident-response" -> "pagerduty";
            default -> "aws";
        };
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
