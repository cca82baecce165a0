package dev.evident.control.internal;

import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.problem.ProblemException.Location;
import dev.evident.shared.problem.ProblemType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Problems found in one uploaded file, each at a line and column. All are collected, so a person
 * fixes everything in one round, but only the first {@value #MAX_REPORTED} are kept: a broken
 * 10 MB file must not produce a 10 MB answer.
 */
final class FileProblems {

    static final int MAX_REPORTED = 200;

    private final String file;
    private final List<FieldError> reported = new ArrayList<>();
    private int total;

    FileProblems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    /** @param line 1-based; @param column 1-based, in characters */
    void add(String field, int line, int column, String message) {
        total++;
        if (reported.size() < MAX_REPORTED) {
            reported.add(new FieldError(field, message, new Location(file, line, column)));
        }
    }

    boolean isEmpty() {
        return total == 0;
    }

    int total() {
        return total;
    }

    /** The problems as one exception: malformed (the file could not be read) or not valid (its content is wrong). */
    ProblemException toException(ProblemType type) {
        List<FieldError> sorted = reported.stream().sorted(Comparator
                .comparingInt((FieldError e) -> e.location().line()).thenComparingInt(e -> e.location().column())).toList();
        return new ControlsFileException(type, summary(sorted.get(0)), sorted, total);
    }

    private String summary(FieldError first) {
        return headline(file, total, reported.size()).replaceFirst("\\. Nothing", "; nothing") + " " + describe(first);
    }

    /** "controls.yaml has 3 problems. Nothing was imported." */
    static String headline(String file, int total, int listed) {
        String count = total == 1 ? "1 problem" : total + " problems";
        String shown = total > listed ? " (the first " + listed + " are listed)" : "";
        return file + " has " + count + shown + ". Nothing was imported.";
    }

    static String describe(FieldError e) {
        return "Line " + e.location().line() + ", column " + e.location().column()
                + (e.field().isEmpty() ? "" : ", " + e.field()) + ": " + e.message();
    }

    /** A controls file that cannot be imported, with every located problem (up to the cap) and the total count. */
    static final class ControlsFileException extends ProblemException {

        private final int total;

        ControlsFileException(ProblemType type, String detail, List<FieldError> errors, int total) {
            super(type, detail, errors);
            this.total = total;
        }

        /** How many problems the file has; {@link #errors()} lists at most {@value FileProblems#MAX_REPORTED}. */
        int total() {
            return total;
        }
    }
}
