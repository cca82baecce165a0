package dev.evident.connector;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Configuration a connector cannot work with. Thrown by {@link ConnectorFactory#create} and
 * {@link ConnectorConfig}; carries the problems so the UI can show each next to its field.
 */
public class InvalidConfigException extends IllegalArgumentException {

    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super("invalid connector configuration: " + problems.stream()
                .map(p -> p.field() + ": " + p.message())
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public InvalidConfigException(String field, String message) {
        this(List.of(new ConfigProblem(field, message)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
