package dev.evident.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Password strength rules in the spirit of NIST SP 800-63B: length matters, composition rules do
 * not. At least 12 characters, at most 128, not a commonly used password, not the email address,
 * and not a single repeated character or short pattern.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private final Set<String> common;

    public PasswordPolicy() {
        this.common = loadCommonPasswords();
    }

    /** Problems with the password, each a sentence fragment after "Password …"; empty when acceptable. */
    public List<String> problems(String password, String email) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add("is required");
            return problems;
        }
        if (password.length() < MIN_LENGTH) {
            problems.add("must be at least " + MIN_LENGTH + " characters long (it has " + password.length() + ")");
        }
        if (password.length() > MAX_LENGTH) {
            problems.add("must be at most " + MAX_LENGTH + " characters long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            problems.add("is on the list of commonly used passwords");
        }
        if (email != null && !email.isBlank()) {
            String local = email.toLowerCase(Locale.ROOT).split("@")[0];
            if (local.length() >= 4 && lower.contains(local)) {
                problems.add("must not contain your email address");
            }
        }
        if (password.chars().distinct().count() < 5) {
            problems.add("must use at least 5 different characters");
        }
        return problems;
    }

    private static Set<String> loadCommonPasswords() {
        Set<String> set = new HashSet<>();
        var stream = PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt");
        if (stream == null) {
            throw new IllegalStateException("common-passwords.txt missing from the jar");
        }
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT)).forEach(set::add);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return set;
    }
}
