package dev.evident.readiness.internal;

import dev.evident.catalog.Catalog;
import dev.evident.catalog.FrameworkIndex;
import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.identity.OrganizationDirectory;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import dev.evident.program.Program;
import dev.evident.readiness.Readiness;
import dev.evident.shared.security.Actor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The control matrix of a program as a file, for the API and for the download links on the
 * program's pages: the same rows, the same summary sheet and the same file name everywhere.
 */
@Component
public class MatrixExport {

    public static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    public static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    public enum Format {
        CSV, XLSX;

        String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A file ready to send: its suggested name, its media type and its bytes. */
    public record File(String name, MediaType mediaType, byte[] content) {
    }

    private final ReadinessService readiness;
    private final ControlDirectory controls;
    private final OrganizationDirectory directory;
    private final Catalog catalog;

    MatrixExport(ReadinessService readiness, ControlDirectory controls, OrganizationDirectory directory, Catalog catalog) {
        this.readiness = readiness;
        this.controls = controls;
        this.directory = directory;
        this.catalog = catalog;
    }

    public File export(Actor actor, UUID programId, Format format) {
        Program program = readiness.program(actor, programId);
        Readiness r = readiness.readiness(actor, programId);
        FrameworkIndex framework = catalog.index(program.frameworkId()).orElseThrow();
        Map<UUID, Control> byId = controls.controls(actor.orgId()).stream()
                .collect(Collectors.toMap(Control::id, Function.identity()));
        Map<UUID, MemberSummary> members = directory.members(actor.orgId()).stream()
                .collect(Collectors.toMap(MemberSummary::userId, Function.identity()));
        List<List<String>> rows = ControlMatrix.rows(program, r, framework, byId, members);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format == Format.CSV) {
                MatrixFiles.csv(ControlMatrix.HEADER, rows, out);
            } else {
                MatrixFiles.xlsx("Control matrix", ControlMatrix.HEADER, rows, summary(program, r), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = "control-matrix-" + slug(program.name()) + "-" + LocalDate.ofInstant(r.computedAt(), ZoneOffset.UTC)
                + "." + format.extension();
        return new File(name, format == Format.CSV ? CSV : XLSX, out.toByteArray());
    }

    private static List<List<String>> summary(Program program, Readiness r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Program", program.name()));
        rows.add(List.of("Report", program.reportType().label() + ", " + program.periodLabel()));
        rows.add(List.of("Computed at", r.computedAt().toString()));
        rows.add(List.of("Overall score", r.overall().percent() + " %"));
        rows.add(List.of("Criteria met / partially met / gap", r.overall().met() + " / " + r.overall().partiallyMet()
                + " / " + r.overall().gap()));
        r.categories().forEach(c -> rows.add(List.of(c.name(), c.score().percent() + " % (" + c.score().met() + " of "
                + c.score().criteria() + " met)")));
        rows.add(List.of("Type I", r.typeOne().summary()));
        rows.add(List.of("Type II", r.typeTwo().summary()));
        program.categories().stream().filter(c -> !c.included())
                .forEach(c -> rows.add(List.of("Excluded: " + c.categoryId(), c.exclusionReason())));
        return rows;
    }

    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "program" : slug;
    }
}
