package dev.evident.control.internal.ui;

import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Explains, per category, why controls cannot be mapped to it: no program includes it, and what the programs say. */
@Component
class ScopeNotes {

    private final ProgramDirectory programs;
    private final ControlVocabulary vocabulary;

    ScopeNotes(ProgramDirectory programs, ControlVocabulary vocabulary) {
        this.programs = programs;
        this.vocabulary = vocabulary;
    }

    /** Category id → "No program includes Privacy. Excluded in “SOC 2 2027”: reason", for categories some program excludes. */
    Map<String, String> exclusions(UUID orgId) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Program p : programs.programs(orgId)) {
            p.categories().stream().filter(c -> !c.included()).forEach(c -> reasons.merge(c.categoryId(),
                    "Excluded in “" + p.name() + "”: " + c.exclusionReason(), (a, b) -> a + " " + b));
        }
        Map<String, String> notes = new LinkedHashMap<>();
        reasons.forEach((id, why) -> notes.put(id, "No program includes " + vocabulary.categoryName(id) + ". " + why));
        return notes;
    }

    boolean anyProgram(UUID orgId) {
        return !programs.programs(orgId).isEmpty();
    }
}
