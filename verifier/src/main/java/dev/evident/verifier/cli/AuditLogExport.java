package dev.evident.verifier.cli;

import dev.evident.verifier.ChainLink;
import dev.evident.verifier.Json;
import dev.evident.verifier.JsonParseException;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads an exported audit log: JSON lines of {@code {"seq","id","prevHash","hash","entry"}}.
 *
 * <p>Links are parsed lazily, one line at a time, so exports far larger than memory can be
 * verified. Format problems surface as {@link ExportFormatException} during iteration, naming
 * the file line. Fields other than these five are ignored, so newer exports that add metadata
 * stay verifiable; only {@code entry} is covered by the hash.
 */
final class AuditLogExport implements Iterable<ChainLink>, Closeable {

    private final BufferedReader reader;
    private final String fileName;
    private boolean iterated;

    private AuditLogExport(BufferedReader reader, String fileName) {
        this.reader = reader;
        this.fileName = fileName;
    }

    static AuditLogExport open(Path file) throws IOException {
        return new AuditLogExport(Files.newBufferedReader(file, StandardCharsets.UTF_8),
                String.valueOf(file.getFileName()));
    }

    @Override
    public Iterator<ChainLink> iterator() {
        if (iterated) {
            throw new IllegalStateException("an export can be read only once");
        }
        iterated = true;
        return new LineIterator();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private ChainLink parseLine(String text, long lineNumber) {
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (JsonParseException e) {
            int column = e.line() == 1 ? e.column() : 1;
            throw new ExportFormatException(fileName + " line " + lineNumber + ", column " + column + ": "
                    + e.reason());
        }
        if (!(parsed instanceof Map<?, ?> object)) {
            throw formatError(lineNumber, "expected a JSON object");
        }
        return new ChainLink(
                longField(object, "seq", lineNumber),
                stringField(object, "id", lineNumber),
                stringField(object, "prevHash", lineNumber),
                stringField(object, "hash", lineNumber),
                objectField(object, "entry", lineNumber));
    }

    private long longField(Map<?, ?> object, String name, long lineNumber) {
        if (required(object, name, lineNumber) instanceof Long value) {
            return value;
        }
        throw formatError(lineNumber, "field \"" + name + "\" must be an integer");
    }

    private String stringField(Map<?, ?> object, String name, long lineNumber) {
        if (required(object, name, lineNumber) instanceof String value) {
            return value;
        }
        throw formatError(lineNumber, "field \"" + name + "\" must be a string");
    }

    @SuppressWarnings("unchecked") // Json.parse only produces maps with String keys
    private Map<String, Object> objectField(Map<?, ?> object, String name, long lineNumber) {
        if (required(object, name, lineNumber) instanceof Map<?, ?> value) {
            return (Map<String, Object>) value;
        }
        throw formatError(lineNumber, "field \"" + name + "\" must be an object");
    }

    private Object required(Map<?, ?> object, String name, long lineNumber) {
        if (!object.containsKey(name)) {
            throw formatError(lineNumber, "missing field \"" + name + "\"");
        }
        return object.get(name);
    }

    private ExportFormatException formatError(long lineNumber, String reason) {
        return new ExportFormatException(fileName + " line " + lineNumber + ": " + reason);
    }

    /** Skips blank lines; reads one line ahead so hasNext() can answer. */
    private final class LineIterator implements Iterator<ChainLink> {

        private long lineNumber;
        private ChainLink next;
        private boolean exhausted;

        @Override
        public boolean hasNext() {
            if (next == null && !exhausted) {
                next = readNext();
                exhausted = next == null;
            }
            return next != null;
        }

        @Override
        public ChainLink next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ChainLink current = next;
            next = null;
            return current;
        }

        private ChainLink readNext() {
            try {
                String text;
                while ((text = reader.readLine()) != null) {
                    lineNumber++;
                    if (!text.isBlank()) {
                        return parseLine(text, lineNumber);
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
