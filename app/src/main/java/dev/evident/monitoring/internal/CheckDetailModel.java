package dev.evident.monitoring.internal;

import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.monitoring.internal.CheckExceptions.CheckException;
import dev.evident.monitoring.internal.CheckService.CheckState;
import dev.evident.monitoring.internal.ResultIntervals.Interval;
import dev.evident.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import tools.jackson.databind.JsonNode;

/**
 * Gathers what the check page shows: results now, the failing resources' attributes, the breakdown by
 * account and region, the chart, exceptions, versions.
 */
@Component
class CheckDetailModel {

    static final List<Integer> PERIODS = List.of(30, 90, 365);
    private static final int MAX_ATTRIBUTE_TEXT = 120;
    /** At most this many failing (and error) resources are listed; the counts say how many there are. */
    static final int MAX_ROWS = 500;

    /** A mapped control: its key, the library's title, and the organization's control page when it has one. */
    record ControlLink(String key, String title, UUID controlId) {
    }

    /** A resource's current result, with its attributes as short "name: value" lines. */
    record ResultRow(String resourceKey, String resourceName, String resourceType, String outcome, String detail,
                     Instant since, int checkVersion, List<String> attributes, CheckException exception) {
    }

    /** An exception with the state the page shows: active, expired or revoked. */
    record ExceptionRow(CheckException exception, String state, String resourceName) {
    }

    private final CheckService checks;
    private final CheckResults results;
    private final ExceptionService exceptions;
    private final ResourceLocations locations;
    private final ControlKeys controlKeys;
    private final ControlDirectory controls;
    private final dev.evident.catalog.ControlLibrary library;
    private final Clock clock;

    CheckDetailModel(CheckService checks, CheckResults results, ExceptionService exceptions, ResourceLocations locations,
                     ControlKeys controlKeys, ControlDirectory controls, dev.evident.catalog.ControlLibrary library,
                     Clock clock) {
        this.checks = checks;
        this.results = results;
        this.exceptions = exceptions;
        this.locations = locations;
        this.controlKeys = controlKeys;
        this.controls = controls;
        this.library = library;
        this.clock = clock;
    }

    /**
     * @param where the account and region whose failing, error and excepted resources are listed (the
     *              counts and the breakdown stay those of the whole check)
     */
    CheckState fill(UUID orgId, String idOrKey, int days, LocationBreakdown.Filter where, Model model) {
        CheckState c = checks.get(orgId, idOrKey);
        UUID checkId = c.row().id();
        Instant now = Timestamps.now(clock);
        List<Interval> state = results.stateAt(orgId, checkId, now);
        List<CheckException> all = exceptions.list(orgId, c.row().key());
        Map<String, CheckException> valid = new HashMap<>();
        all.stream().filter(e -> e.validAt(now)).forEach(e -> valid.putIfAbsent(e.resourceKey(), e));
        Set<String> notPassing = new HashSet<>();
        state.stream().filter(i -> i.outcome() != Outcome.PASS).forEach(i -> notPassing.add(i.resourceKey()));
        ResourceLocations.Scan scan = locations.scan(orgId, c.definition().resourceType(), state, notPassing);
        Map<String, List<String>> attributes = scan.lines();
        Map<String, String> names = new HashMap<>();
        List<ResultRow> failing = new ArrayList<>();
        List<ResultRow> errors = new ArrayList<>();
        List<ResultRow> excepted = new ArrayList<>();
        for (Interval i : state) {
            names.put(i.resourceKey(), i.resourceName());
            if (!where.matches(scan.locations().get(i.resourceKey()))) {
                continue;
            }
            ResultRow row = new ResultRow(i.resourceKey(), i.resourceName(), i.resourceType(), i.outcome().id(), i.detail(),
                    i.from(), i.checkVersion(), attributes.getOrDefault(i.resourceKey(), List.of()),
                    valid.get(i.resourceKey()));
            switch (i.outcome()) {
                case FAIL -> failing.add(row);
                case ERROR -> errors.add(row);
                case EXCEPTED -> excepted.add(row);
                default -> { }
            }
        }
        model.addAttribute("check", c);
        model.addAttribute("definition", c.definition());
        model.addAttribute("counts", CheckApi.counts(state.stream().map(Interval::outcome).toList()));
        model.addAttribute("failing", failing.size() > MAX_ROWS ? failing.subList(0, MAX_ROWS) : failing);
        model.addAttribute("failingTotal", failing.size());
        model.addAttribute("errorResults", errors.size() > MAX_ROWS ? errors.subList(0, MAX_ROWS) : errors);
        model.addAttribute("errorTotal", errors.size());
        model.addAttribute("excepted", excepted);
        model.addAttribute("where", where);
        model.addAttribute("breakdown", ResourceLocations.breakdown(state, scan));
        model.addAttribute("controlLinks", controlLinks(orgId, c.definition().controls()));
        model.addAttribute("criteria", controlKeys.criteria(c.definition().controls()));
        model.addAttribute("exceptions", all.stream().map(e -> new ExceptionRow(e, e.revokedAt() != null ? "revoked"
                : e.validAt(now) ? "active" : "expired", names.getOrDefault(e.resourceKey(), e.resourceKey()))).toList());
        List<dev.evident.monitoring.internal.Checks.CheckVersion> versions = new ArrayList<>(checks.versions(orgId, checkId.toString()));
        java.util.Collections.reverse(versions);
        model.addAttribute("versions", versions);
        int period = PERIODS.contains(days) ? days : PERIODS.get(0);
        List<Interval> history = results.history(orgId, checkId, null,
                now.minus(Duration.ofDays(period)), now.plusSeconds(1));
        model.addAttribute("chart", OutcomeChart.chart(OutcomeChart.days(history, now, period)));
        model.addAttribute("period", period);
        model.addAttribute("periods", PERIODS);
        return c;
    }

    private List<ControlLink> controlLinks(UUID orgId, List<String> keys) {
        List<Control> orgControls = controls.controls(orgId);
        List<ControlLink> links = new ArrayList<>();
        for (String key : keys) {
            String title = library.control(key).map(dev.evident.catalog.LibraryControl::title).orElse(null);
            UUID id = null;
            for (Control ctl : orgControls) {
                if (key.equals(ctl.ref()) || (ctl.source() != null && key.equals(ctl.source().controlId()))) {
                    id = ctl.id();
                    title = title == null ? ctl.title() : title;
                    break;
                }
            }
            links.add(new ControlLink(key, title, id));
        }
        return links;
    }

    /** A resource's attributes as "name: value" lines, long values cut short. */
    static List<String> lines(JsonNode node) {
        List<String> lines = new ArrayList<>();
        if (node == null || !node.isObject()) {
            return lines;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            String text = v.isNull() ? "unknown" : v.isValueNode() ? v.asString() : v.toString();
            lines.add(e.getKey() + ": " + ResultIntervals.truncate(text, MAX_ATTRIBUTE_TEXT));
        }
        return lines;
    }
}
