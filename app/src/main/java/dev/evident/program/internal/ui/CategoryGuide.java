package dev.evident.program.internal.ui;

import dev.evident.catalog.Category;
import dev.evident.catalog.Framework;
import dev.evident.catalog.Requirement;
import java.util.List;
import java.util.Map;

/**
 * Plain-English help for choosing the SOC 2 categories: what each covers, when companies include
 * it, and common reasons for leaving it out. The reasons are suggestions people pick from or adapt;
 * the page never fills them in for them.
 */
final class CategoryGuide {

    /** What the scope page shows for one category. */
    record Entry(String id, String name, boolean required, int criteria, String series, String covers,
                 String includeWhen, List<String> reasons) {
    }

    private record Text(String series, String covers, String includeWhen, List<String> reasons) {
    }

    private static final Map<String, Text> TEXTS = Map.of(
            "security", new Text("CC1–CC9",
                    "Protecting the system against unauthorised access, use and change: governance, risk assessment, "
                            + "access control, operations, incident response, change management and vendors.",
                    "Always. Every SOC 2 report covers Security, so it cannot be left out.",
                    List.of()),
            "availability", new Text("A1",
                    "Keeping the system up and usable as promised: capacity monitoring, backups, disaster recovery "
                            + "and restore tests.",
                    "You promise uptime (an SLA) or customers depend on your service running. Most SaaS companies "
                            + "include it.",
                    List.of("We make no uptime or availability commitments to customers",
                            "Customers run the software on their own infrastructure",
                            "Planned for next year's report; not part of this one")),
            "processing-integrity", new Text("PI1",
                    "Processing data completely, accurately and on time: input checks, processing controls and "
                            + "reconciliation of outputs.",
                    "Customers rely on results you compute: payments, billing, payroll, financial or other "
                            + "transactions.",
                    List.of("We do not process transactions or calculations on behalf of customers",
                            "Customers check the results of processing themselves",
                            "Planned for next year's report; not part of this one")),
            "confidentiality", new Text("C1",
                    "Protecting information you have committed to keep confidential, from collection to deletion "
                            + "at the end of its retention.",
                    "Contracts or NDAs commit you to keep customers' business data confidential and delete it on "
                            + "request. Common for B2B SaaS.",
                    List.of("Our contracts make no confidentiality commitments beyond Security",
                            "We do not store confidential information of our customers",
                            "Planned for next year's report; not part of this one")),
            "privacy", new Text("P1–P8",
                    "Collecting, using, keeping, sharing and disposing of personal information about individuals "
                            + "as your privacy notice says, including consent and access requests.",
                    "You collect personal information directly from individuals and make privacy commitments to "
                            + "them. Many B2B companies leave it out and handle customer data under Confidentiality.",
                    List.of("We do not collect personal information directly from individuals",
                            "We process personal information only on behalf of our customers, who control it",
                            "Planned for next year's report; not part of this one")));

    /** A series of criteria for the "not relevant" choice: CC6 with its criteria. */
    record Series(String id, String title, List<Option> criteria) {
    }

    record Option(String id, String label) {
    }

    private CategoryGuide() {
    }

    static List<Series> series(Framework framework) {
        return framework.requirements().stream().filter(r -> !r.isLeaf())
                .map(r -> new Series(r.id(), r.label(), r.children().stream().filter(Requirement::isLeaf)
                        .map(c -> new Option(c.id(), c.id() + " — " + c.label())).toList()))
                .toList();
    }

    static List<Entry> entries(Framework framework) {
        return framework.categories().stream().map(c -> entry(framework, c)).toList();
    }

    private static Entry entry(Framework framework, Category c) {
        Text text = TEXTS.get(c.id());
        int criteria = (int) framework.leafRequirements().stream().filter(r -> c.id().equals(r.categoryId())).count();
        if (text == null) {
            return new Entry(c.id(), c.name(), c.required(), criteria, "", "", "", List.of());
        }
        return new Entry(c.id(), c.name(), c.required(), criteria, text.series(), text.covers(), text.includeWhen(),
                text.reasons());
    }
}
