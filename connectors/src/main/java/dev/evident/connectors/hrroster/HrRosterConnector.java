package dev.evident.connectors.hrroster;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.Collector;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.Connector;
import dev.evident.connector.TestStep;
import dev.evident.connector.Testable;
import dev.evident.connector.UploadedDocument;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the uploaded roster into {@code hr.person} resources, all rows or none. */
final class HrRosterConnector implements Connector, Testable, Collector {

    static final String UPLOADED = "Roster uploaded";
    static final String COLUMNS = "Columns found";
    static final String ROWS = "Rows valid";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PROBLEMS_SHOWN = 5;

    @Override
    public List<Collector> collectors() {
        return List.of(this);
    }

    @Override
    public String resourceType() {
        return "hr.person";
    }

    @Override
    public Iterator<CollectedResource> collect(CollectionContext ctx) throws CollectionException {
        UploadedDocument document = document(ctx);
        RosterFile.Parsed parsed;
        try {
            parsed = RosterFile.read(document);
        } catch (RosterException e) {
            throw CollectionException.permanent(e.getMessage(), e);
        }
        Roster roster = Roster.of(parsed.table());
        if (!roster.missingColumns().isEmpty()) {
            throw CollectionException.permanent(roster.missingColumnsProblem(), null);
        }
        if (!roster.valid()) {
            throw CollectionException.permanent(problemSummary(roster, roster.problems()), null);
        }
        Instant now = ctx.clock().instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<CollectedResource> resources = new ArrayList<>(roster.people().size());
        for (Person person : roster.people()) {
            resources.add(new CollectedResource(resourceType(), person.email(), person.name(),
                    attributes(person, today), now, parsed.sha256()));
        }
        return resources.iterator();
    }

    private static String attributes(Person person, LocalDate today) {
        ObjectNode attributes = JSON.createObjectNode();
        attributes.put("email", person.email());
        attributes.put("name", person.name());
        attributes.put("department", person.department());
        attributes.put("manager", person.manager());
        attributes.put("employmentType", person.employmentType());
        attributes.put("startDate", person.startDate().toString());
        attributes.put("endDate", person.endDate() == null ? null : person.endDate().toString());
        attributes.put("status", person.status(today));
        person.aliases().forEach(attributes.putArray("aliases")::add);
        return JSON.writeValueAsString(attributes);
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.of(TestStep.failed(UPLOADED,
                "the roster can only be checked together with the uploaded file; upload a CSV or XLSX export and test again"));
    }

    @Override
    public ConnectionTestResult testConnection(CollectionContext ctx) {
        UploadedDocument document = ctx.document(HrRosterConnectorFactory.ROSTER).orElse(null);
        if (document == null) {
            return ConnectionTestResult.of(TestStep.failed(UPLOADED, "no roster uploaded yet: upload the CSV or XLSX "
                    + "export from your HR system"));
        }
        RosterFile.Parsed parsed;
        try {
            parsed = RosterFile.read(document);
        } catch (RosterException e) {
            return ConnectionTestResult.of(TestStep.failed(UPLOADED, e.getMessage()));
        }
        TestStep uploaded = TestStep.passed(UPLOADED, document.fileName() + " (" + document.size() + " bytes, uploaded "
                + document.uploadedAt() + ")");
        Roster roster = Roster.of(parsed.table());
        if (!roster.missingColumns().isEmpty()) {
            return ConnectionTestResult.of(uploaded, TestStep.failed(COLUMNS, roster.missingColumnsProblem()));
        }
        TestStep columns = TestStep.passed(COLUMNS, roster.columnsFound());
        if (!roster.valid()) {
            List<String> first = roster.problems().subList(0, Math.min(PROBLEMS_SHOWN, roster.problems().size()));
            return ConnectionTestResult.of(uploaded, columns, TestStep.failed(ROWS, problemSummary(roster, first)));
        }
        LocalDate today = LocalDate.ofInstant(ctx.clock().instant(), ZoneOffset.UTC);
        Map<String, Integer> byStatus = new TreeMap<>();
        roster.people().forEach(person -> byStatus.merge(person.status(today), 1, Integer::sum));
        return ConnectionTestResult.of(uploaded, columns, TestStep.passed(ROWS, roster.people().size() + " people "
                + byStatus.toString().replace("=", ": ")));
    }

    private static UploadedDocument document(CollectionContext ctx) throws CollectionException {
        return ctx.document(HrRosterConnectorFactory.ROSTER).orElseThrow(() -> new CollectionException(
                "no roster uploaded: upload the CSV or XLSX export from your HR system in the connection settings"));
    }

    /** "3 problems, nothing imported: first; second; and 1 more". */
    private static String problemSummary(Roster roster, List<String> shown) {
        int count = roster.problemCount();
        int hidden = count - shown.size();
        return count + (count == 1 ? " problem" : " problems") + " in the roster, nothing imported: "
                + String.join("; ", shown) + (hidden > 0 ? "; and " + hidden + " more" : "");
    }
}
