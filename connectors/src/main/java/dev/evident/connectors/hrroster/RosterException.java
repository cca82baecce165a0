package dev.evident.connectors.hrroster;

import java.util.List;

/** The roster cannot be imported; each problem names the file and, where it applies, line and column. */
final class RosterException extends Exception {

    private final List<String> problems;

    RosterException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    RosterException(String problem) {
        this(List.of(problem));
    }

    List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        return problems.size() + " problems in the roster, nothing imported: " + String.join("; ", problems);
    }
}
