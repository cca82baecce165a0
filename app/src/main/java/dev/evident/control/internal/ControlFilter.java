package dev.evident.control.internal;

import dev.evident.control.Control;
import dev.evident.control.ControlStatus;
import dev.evident.catalog.ControlFrequency;
import dev.evident.catalog.FrameworkIndex;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Filters for the control library (API and page). Null fields do not filter.
 *
 * @param owner      a member's user id; see {@link #unowned}
 * @param unowned    only controls nobody owns yet
 * @param criterion  a criterion id (CC6.1) or a series (CC6): controls mapped to it or into it
 * @param category   a category id (security, availability, ...): controls mapped to a criterion of it
 * @param query      words that must all appear in the reference, title or description
 */
public record ControlFilter(String domain, String criterion, String category, UUID owner, boolean unowned,
                            ControlStatus status, ControlFrequency frequency, Boolean applicable, String query) {

    public static final ControlFilter NONE = new ControlFilter(null, null, null, null, false, null, null, null, null);

    public Predicate<Control> predicate(FrameworkIndex framework) {
        String[] words = query == null || query.isBlank() ? new String[0]
                : query.toLowerCase(Locale.ROOT).trim().split("\\s+");
        return c -> (domain == null || domain.equals(c.domain()))
                && (status == null || status == c.status())
                && (frequency == null || frequency == c.frequency())
                && (applicable == null || applicable == c.applicable())
                && (!unowned || c.ownerUserId() == null)
                && (owner == null || owner.equals(c.ownerUserId()))
                && (criterion == null || c.criteria().stream().anyMatch(id -> id.equals(criterion)
                        || framework.parentOf(id).map(p -> p.id().equals(criterion)).orElse(false)))
                && (category == null || c.criteria().stream().anyMatch(id -> category.equals(framework.categoryOf(id))))
                && matches(c, words);
    }

    private static boolean matches(Control c, String[] words) {
        if (words.length == 0) {
            return true;
        }
        String text = (c.ref() + " " + c.title() + " " + c.description()).toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (!text.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
