package dev.evident.control.internal;

import dev.evident.shared.problem.ProblemType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads an uploaded file as a stream of YAML events, refusing what a controls file never needs and
 * an attacker would: anchors and aliases (the "billion laughs" bomb), explicit tags (objects of
 * arbitrary types), deep nesting, bytes that are not UTF-8 and characters YAML does not allow.
 * Nothing but events is produced (no constructor runs), so no Java object is ever made from the
 * file, and {@link YamlTree} builds small trees from them one control at a time. Every refusal
 * names the line and column. Linear in the size of the file.
 */
final class SafeYamlParser {

    /** A controls file nests four levels (root, controls, a control, its test); a little room for mistakes. */
    static final int MAX_DEPTH = 10;

    private SafeYamlParser() {
    }

    /**
     * The file's YAML events, checked one by one as they are read. Syntax errors surface from the
     * returned parser as the same located problem.
     */
    static Parser events(String file, byte[] content) {
        String text = decode(file, content);
        requirePrintable(file, text);
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH * 5); // a backstop: the guard below refuses first, with a line
        options.setCodePointLimit(Math.max(text.length() + 1, 1));
        options.setProcessComments(false);
        return new GuardedParser(new ParserImpl(new StreamReader(text), options), file);
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "is not readable YAML" : e.getProblem();
        String context = e.getContext();
        if (context != null && e.getContextMark() != null && e.getProblemMark() != null
                && e.getContextMark().getLine() != e.getProblemMark().getLine()) {
            context = context + " (line " + (e.getContextMark().getLine() + 1) + ")";
        }
        return "YAML syntax: " + (context == null ? "" : context + ": ") + problem
                + ". Check the indentation, and put text containing ': ' or starting with a special character in quotes";
    }

    /** Strict UTF-8; a leading byte-order mark is skipped. */
    private static String decode(String file, byte[] content) {
        int start = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content, start, content.length - start);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            return decodeToFirstError(file, content, start);
        }
    }

    /** Finds where the encoding breaks, to name its line and column. */
    private static String decodeToFirstError(String file, byte[] content, int start) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content, start, content.length - start);
        CharBuffer out = CharBuffer.allocate(content.length);
        decoder.decode(in, out, true);
        out.flip();
        int[] position = position(out.toString());
        FileProblems problems = new FileProblems(file);
        problems.add("", position[0], position[1], "is not UTF-8 text (byte " + (in.position() + 1)
                + "): save the file as UTF-8");
        throw problems.toException(ProblemType.MALFORMED_REQUEST);
    }

    /** YAML allows tabs, line breaks and printable Unicode only; SnakeYAML would say "special characters" without a line. */
    private static void requirePrintable(String file, String text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!StreamReader.isPrintable(cp)) {
                FileProblems problems = new FileProblems(file);
                String escape = cp <= 0xFF ? String.format("\\x%02X", cp) : String.format("\\u%04X", cp);
                problems.add("", line, column, String.format("contains the character U+%04X, which YAML does not allow; "
                        + "write it as an escape inside double quotes (\"%s\") or remove it", cp, escape));
                throw problems.toException(ProblemType.MALFORMED_REQUEST);
            }
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += Character.charCount(cp);
        }
    }

    /** 1-based line and column of the end of a text. */
    private static int[] position(String text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += Character.charCount(cp);
        }
        return new int[]{line, column};
    }

    static RuntimeException malformed(String file, Mark mark, String message) {
        FileProblems problems = new FileProblems(file);
        problems.add("", mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1, message);
        return problems.toException(ProblemType.MALFORMED_REQUEST);
    }

    /** Looks at every event before the composer sees it: the refusals happen before anything is expanded. */
    private static final class GuardedParser implements Parser {
        private final Parser delegate;
        private final String file;
        private Event checked;
        private int depth;

        GuardedParser(Parser delegate, String file) {
            this.delegate = delegate;
            this.file = file;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            Event next = peekEvent();
            return next != null && next.is(choice);
        }

        @Override
        public Event peekEvent() {
            try {
                return check(delegate.peekEvent());
            } catch (MarkedYAMLException e) {
                throw malformed(file, e.getProblemMark(), describe(e));
            } catch (YAMLException e) {
                throw malformed(file, null, "is not readable YAML: " + e.getMessage());
            }
        }

        @Override
        public Event getEvent() {
            Event event = peekEvent();
            delegate.getEvent();
            if (event instanceof CollectionStartEvent) {
                depth++;
            } else if (event instanceof CollectionEndEvent) {
                depth--;
            }
            checked = null;
            return event;
        }

        private Event check(Event event) {
            if (event == null || event == checked) {
                return event;
            }
            if (event instanceof AliasEvent alias) {
                throw malformed(file, event.getStartMark(), "uses an alias (*" + alias.getAnchor() + "); anchors and "
                        + "aliases are not allowed in a controls file: write each value out");
            }
            if (event instanceof NodeEvent node && node.getAnchor() != null) {
                throw malformed(file, event.getStartMark(), "defines an anchor (&" + node.getAnchor() + "); anchors and "
                        + "aliases are not allowed in a controls file: write each value out");
            }
            String tag = event instanceof ScalarEvent scalar ? scalar.getTag()
                    : event instanceof CollectionStartEvent collection ? collection.getTag() : null;
            if (tag != null) {
                throw malformed(file, event.getStartMark(), "has the tag " + tag + "; tags are not allowed in a controls "
                        + "file: write plain values, and put text YAML would read otherwise in quotes");
            }
            if (event instanceof CollectionStartEvent && depth + 1 > MAX_DEPTH) {
                throw malformed(file, event.getStartMark(), "nests lists and mappings more than " + MAX_DEPTH
                        + " levels deep; a controls file needs four");
            }
            checked = event;
            return event;
        }
    }
}
