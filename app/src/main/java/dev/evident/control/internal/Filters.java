package dev.evident.control.internal;

import dev.evident.catalog.ControlFrequency;
import dev.evident.control.ControlStatus;
import dev.evident.shared.problem.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads the control library's filter parameters (API and page) with errors that name the parameter. */
public final class Filters {

    private Filters() {
    }

    public static ControlFilter parse(String domain, String criterion, String category, String owner, String status,
                               String frequency, Boolean applicable, String q) {
        UUID ownerId = null;
        boolean unowned = false;
        if (present(owner)) {
            if ("none".equalsIgnoreCase(owner.strip())) {
                unowned = true;
            } else {
                try {
                    ownerId = UUID.fromString(owner.strip());
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("owner", "must be a user id or 'none'");
                }
            }
        }
        return new ControlFilter(present(domain) ? domain.strip() : null,
                present(criterion) ? criterion.strip().toUpperCase(Locale.ROOT) : null,
                present(category) ? category.strip().toLowerCase(Locale.ROOT) : null, ownerId, unowned,
                choice("status", status, ControlStatus.class), choice("frequency", frequency, ControlFrequency.class),
                applicable, present(q) ? q.strip() : null);
    }

    private static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        if (!present(value)) {
            return null;
        }
        E parsed = ControlRules.parse(value, type);
        if (parsed == null) {
            throw new InvalidInputException(field, "'" + value + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
        return parsed;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
