package dev.evident.control.internal.ui;

import dev.evident.catalog.Category;
import dev.evident.catalog.ControlLibrary;
import dev.evident.catalog.FrameworkIndex;
import dev.evident.catalog.LibraryControl;
import dev.evident.control.Control;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What adopting the library would do, per category in scope: how many library controls serve it,
 * how many would be added and how many skipped because the organization already has them. This
 * mirrors the rules of {@code LibraryAdoption} (same library control or same reference → skipped).
 */
record AdoptionPreview(List<Choice> categories, List<Unavailable> unavailable, int toAdd, int toSkip) {

    record Choice(String id, String name, boolean required, int serving, int toAdd, int toSkip) {
    }

    /** A category no program includes, with why. */
    record Unavailable(String name, String note) {
    }

    /** "Adopting every category in scope adds 95 controls and skips the 3 you already have." */
    public String summary() {
        if (toAdd == 0) {
            return "You already have every library control for the categories in scope.";
        }
        String adds = "Adopting every category in scope adds " + toAdd + (toAdd == 1 ? " control" : " controls");
        return toSkip == 0 ? adds + "." : adds + " and skips the " + toSkip + " you already have.";
    }

    static AdoptionPreview of(ControlLibrary library, FrameworkIndex framework, Set<String> inScope,
                              Map<String, String> exclusionNotes, List<Control> existing) {
        Set<String> refs = existing.stream().map(Control::ref).collect(Collectors.toSet());
        Set<String> adopted = existing.stream().filter(c -> c.source() != null).map(c -> c.source().controlId())
                .collect(Collectors.toSet());
        Set<LibraryControl> all = new LinkedHashSet<>();
        List<Choice> choices = new java.util.ArrayList<>();
        List<Unavailable> unavailable = new java.util.ArrayList<>();
        for (Category category : framework.framework().categories()) {
            if (!inScope.contains(category.id())) {
                unavailable.add(new Unavailable(category.name(), exclusionNotes.getOrDefault(category.id(),
                        "No program includes it.")));
                continue;
            }
            List<LibraryControl> serving = library.controls().stream().filter(c -> c.criteria().stream()
                    .anyMatch(id -> category.id().equals(framework.categoryOf(id)))).toList();
            all.addAll(serving);
            int skip = (int) serving.stream().filter(c -> has(c, refs, adopted)).count();
            choices.add(new Choice(category.id(), category.name(), category.required(), serving.size(),
                    serving.size() - skip, skip));
        }
        int skip = (int) all.stream().filter(c -> has(c, refs, adopted)).count();
        return new AdoptionPreview(choices, unavailable, all.size() - skip, skip);
    }

    private static boolean has(LibraryControl c, Set<String> refs, Set<String> adopted) {
        return adopted.contains(c.id()) || refs.contains(c.id());
    }
}
