package dev.evident.notification.internal.email;

import dev.evident.shared.problem.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a member receives notifications by email. */
public enum EmailMode {
    /** One email per notification, as it happens. */
    IMMEDIATE("Immediately"),
    /** One email a day summarising the day's notifications. */
    DAILY_DIGEST("Daily digest"),
    /** No email; notifications stay in the application. */
    OFF("Off");

    private final String label;

    EmailMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static EmailMode parse(String field, String value) {
        String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (EmailMode mode : values()) {
            if (mode.name().equals(normalized)) {
                return mode;
            }
        }
        throw new InvalidInputException(field, "must be one of " + Arrays.stream(values()).map(Enum::name)
                .collect(Collectors.joining(", ")) + (value == null ? "" : ", was '" + value + "'"));
    }
}
