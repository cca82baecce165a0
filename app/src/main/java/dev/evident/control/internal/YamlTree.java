package dev.evident.control.internal;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Builds small YAML trees from {@link SafeYamlParser}'s events, one value at a time, so a reader can
 * take a large file one control at a time and memory stays proportional to one control (plus what
 * it keeps). A collection holds at most {@link #MAX_ITEMS} items, and the trees built between two
 * calls of {@link #newBudget()} at most {@link #MAX_NODES} values in all; beyond that, values are
 * read past and the collections marked truncated, so a file cannot exhaust memory with millions of
 * tiny values. Positions are plain 1-based line and column numbers.
 */
final class YamlTree {

    static final int MAX_ITEMS = 1000;
    static final int MAX_NODES = 10_000;
    static final String LIMITS = "a list or mapping may hold " + MAX_ITEMS + " items, and a control "
            + MAX_NODES + " values in all";
    private static final Resolver RESOLVER = new Resolver();

    sealed interface YNode permits Scalar, Sequence, Mapping {
        int line();

        int column();
    }

    /** @param tag what YAML reads the value as: str, int, float, bool, null, timestamp, … */
    record Scalar(String value, Tag tag, int line, int column) implements YNode {
        boolean isNull() {
            return tag.equals(Tag.NULL);
        }
    }

    record Sequence(List<YNode> items, boolean truncated, int line, int column) implements YNode {
    }

    record Mapping(List<Pair> pairs, boolean truncated, int line, int column) implements YNode {
    }

    record Pair(YNode key, YNode value) {
    }

    private final Parser events;
    private int budget = MAX_NODES;

    YamlTree(Parser events) {
        this.events = events;
    }

    /** Starts counting values afresh: the reader calls it for each control. */
    void newBudget() {
        budget = MAX_NODES;
    }

    Parser events() {
        return events;
    }

    /** Reads the next value: a scalar, or a whole list or mapping. */
    YNode next() {
        budget--;
        Event event = events.getEvent();
        int line = event.getStartMark().getLine() + 1;
        int column = event.getStartMark().getColumn() + 1;
        if (event instanceof ScalarEvent scalar) {
            Tag tag = RESOLVER.resolve(NodeId.scalar, scalar.getValue(), scalar.getImplicit().canOmitTagInPlainScalar());
            return new Scalar(scalar.getValue(), tag, line, column);
        }
        if (event instanceof SequenceStartEvent) {
            List<YNode> items = new ArrayList<>();
            boolean truncated = false;
            while (!events.checkEvent(Event.ID.SequenceEnd)) {
                if (items.size() < MAX_ITEMS && budget > 0) {
                    items.add(next());
                } else {
                    truncated = true;
                    skip();
                }
            }
            events.getEvent();
            return new Sequence(items, truncated, line, column);
        }
        if (event instanceof MappingStartEvent) {
            List<Pair> pairs = new ArrayList<>();
            boolean truncated = false;
            while (!events.checkEvent(Event.ID.MappingEnd)) {
                if (pairs.size() < MAX_ITEMS && budget > 1) {
                    pairs.add(new Pair(next(), next()));
                } else {
                    truncated = true;
                    skip();
                    skip();
                }
            }
            events.getEvent();
            return new Mapping(pairs, truncated, line, column);
        }
        throw new IllegalStateException("unexpected YAML event " + event.getEventId() + " at line " + line);
    }

    /** Reads past the next value without keeping it. */
    void skip() {
        int depth = 0;
        do {
            Event event = events.getEvent();
            if (event.is(Event.ID.SequenceStart) || event.is(Event.ID.MappingStart)) {
                depth++;
            } else if (event.is(Event.ID.SequenceEnd) || event.is(Event.ID.MappingEnd)) {
                depth--;
            }
        } while (depth > 0);
    }

    /** The next event's position, for problems about what comes next. */
    Mark peekMark() {
        return events.peekEvent().getStartMark();
    }
}
