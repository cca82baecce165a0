package dev.evident.program;

import static dev.evident.testing.ApiClient.body;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies for program tests. */
public final class Programs {

    private Programs() {
    }

    /** A Type II program over 2027 including the given optional categories, excluding the rest with a reason. */
    public static Map<String, Object> typeTwo(String name, String... included) {
        Map<String, Object> program = new LinkedHashMap<>();
        program.put("name", name);
        program.put("reportType", "TYPE_2");
        program.put("periodStart", "2027-01-01");
        program.put("periodEnd", "2027-12-31");
        program.put("categories", categories(included));
        return program;
    }

    public static List<Map<String, Object>> categories(String... included) {
        List<String> in = List.of(included);
        List<Map<String, Object>> categories = new ArrayList<>();
        for (String id : List.of("availability", "processing-integrity", "confidentiality", "privacy")) {
            categories.add(in.contains(id) ? body("id", id, "included", true)
                    : body("id", id, "included", false, "exclusionReason", "Not part of the commitments we make to customers"));
        }
        return categories;
    }

    public static Map<String, Object> system() {
        return body(
                "name", "Acme Cloud Platform",
                "services", List.of(body("name", "Analytics API", "description", "Hosted analytics for retailers")),
                "commitments", List.of(body("kind", "SERVICE_COMMITMENT", "text", "99.9% monthly uptime", "source", "SLA"),
                        body("kind", "SYSTEM_REQUIREMENT", "text", "Customer data encrypted at rest", "source", "Policy")),
                "components", List.of(body("kind", "INFRASTRUCTURE", "name", "AWS eu-west-1", "description", "VPC, RDS, S3"),
                        body("kind", "PEOPLE", "name", "Engineering", "description", "12 engineers")),
                "boundaries", "The production AWS account and the code repositories",
                "userEntityControls", List.of(body("text", "Customers manage their own user accounts",
                        "criteria", List.of("CC6.2"))),
                "subserviceOrganizations", List.of(body("name", "Amazon Web Services", "services", "Hosting",
                        "method", "CARVE_OUT", "complementaryControls", List.of(body("text",
                                "AWS restricts physical access to data centres", "criteria", List.of("CC6.4"))))));
    }
}
