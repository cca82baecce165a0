package dev.evident.program.internal.ui;

import dev.evident.catalog.Catalog;
import dev.evident.catalog.Framework;
import dev.evident.program.Program;
import dev.evident.program.ProgramInput;
import dev.evident.program.internal.ProgramService;
import dev.evident.shared.Ids;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.problem.ProblemType;
import dev.evident.shared.security.Actor;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What every program page needs: loading the program, saving one step of it, and telling people about conflicts. */
@Component
class ProgramPages {

    static final String FRAMEWORK = "soc2-2017";
    static final String STALE = "Someone else saved changes to this program while you were editing. Your entries are "
            + "still below. Saving again keeps their changes on the other steps and replaces this step with what you "
            + "see here; to compare first, open the program in a new tab.";

    private final ProgramService programs;
    private final Catalog catalog;
    private final Clock clock;

    ProgramPages(ProgramService programs, Catalog catalog, Clock clock) {
        this.programs = programs;
        this.catalog = catalog;
        this.clock = clock;
    }

    ProgramService service() {
        return programs;
    }

    Program load(Actor actor, String programId) {
        return programs.get(actor, Ids.parseOrNotFound(programId, "Program"));
    }

    Framework framework() {
        return catalog.framework(FRAMEWORK).orElseThrow();
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    Set<String> names(Actor actor) {
        return programs.list(actor).stream().map(Program::name).collect(Collectors.toSet());
    }

    /** The stored program as an input carrying the version the page was opened with. */
    static ProgramInput inputAt(Program program, long version) {
        ProgramInput p = ProgramInputs.of(program);
        return new ProgramInput(p.name(), p.frameworkId(), p.reportType(), p.asOfDate(), p.periodStart(), p.periodEnd(),
                p.categories(), p.notRelevantCriteria(), p.system(), version);
    }

    /**
     * Saves one step. On a mistake, puts the errors into the model, sets the status and returns null;
     * on a stale version also returns null, with the friendly message and the current version in the
     * model so that the next save can go through.
     */
    Program save(Actor actor, Program current, ProgramInput input, Function<FieldError, PageErrors.Target> locate,
                 Model model, HttpServletResponse response) {
        try {
            return programs.update(actor, current.id(), input, input.version());
        } catch (InvalidInputException e) {
            PageErrors.add(model, e, locate);
            response.setStatus(e.type().status().value());
            model.addAttribute("version", input.version());
            return null;
        } catch (ProblemException e) {
            if (e.type() != ProblemType.STALE_VERSION) {
                throw e;
            }
            PageErrors.message(model, STALE);
            response.setStatus(e.type().status().value());
            model.addAttribute("version", programs.get(actor, current.id()).version());
            return null;
        }
    }

    static boolean setup(Map<String, String> params) {
        return "true".equals(params.get("setup"));
    }

    static long version(Map<String, String> params) {
        try {
            return Long.parseLong(params.getOrDefault("version", "-1").strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Adds what every step page shows: the program (null while creating), whether it is the setup flow, no errors yet. */
    static void common(Model model, Program program, boolean setup, int step) {
        model.addAttribute("program", program);
        model.addAttribute("programId", program == null ? null : program.id());
        model.addAttribute("setup", setup);
        model.addAttribute("step", step);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (program != null && !model.containsAttribute("version")) {
            model.addAttribute("version", program.version());
        }
    }

    /** Back to the previous step while setting up; Cancel to the program's page when editing. */
    static String back(Program program, boolean setup, String previousStep) {
        return setup ? programPath(program.id()) + "/" + previousStep + "?setup=true" : programPath(program.id());
    }

    static String programPath(UUID id) {
        return "/programs/" + id;
    }
}
