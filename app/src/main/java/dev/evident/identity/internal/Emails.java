package dev.evident.identity.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Email addresses are compared lower-cased; the check is deliberately practical, not RFC 5322. */
public final class Emails {

    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

    private Emails() {
    }

    public static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    /** The problem with an address, if any, as a fragment after "email …". */
    public static Optional<String> problem(String email) {
        String normalized = normalize(email);
        if (normalized.isEmpty()) {
            return Optional.of("is required");
        }
        if (normalized.length() > 320 || !SHAPE.matcher(normalized).matches()) {
            return Optional.of("is not a valid email address");
        }
        return Optional.empty();
    }
}
