package dev.evident.connectors.hrroster;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as RFC 4180 describes it (quoted fields with doubled quotes, line breaks inside quotes,
 * CRLF or LF), in UTF-8 with or without a byte-order mark. Spreadsheet programs in many locales write
 * semicolons instead of commas, so the separator is whichever of the two the header line uses more.
 */
final class CsvReader {

    private CsvReader() {
    }

    static Table read(String fileName, byte[] bytes, int maxRows) throws RosterException {
        String text = decode(fileName, bytes);
        char separator = separator(text);
        List<Table.Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        boolean afterClosingQuote = false;
        boolean fieldQuoted = false;
        int line = 1;
        int recordLine = 1;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < length && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                        afterClosingQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            if (c == separator) {
                cells.add(field.toString());
                field.setLength(0);
                afterClosingQuote = false;
                fieldQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(field.toString());
                add(fileName, rows, new Table.Row("line " + recordLine, cells), maxRows);
                cells = new ArrayList<>();
                field.setLength(0);
                afterClosingQuote = false;
                fieldQuoted = false;
                line++;
                recordLine = line;
            } else if (afterClosingQuote) {
                throw new RosterException(fileName + ", line " + line + ", column " + (cells.size() + 1)
                        + ": unexpected character '" + c + "' after a closing quote; inside a quoted field write a "
                        + "quote as two quotes (\"\")");
            } else if (c == '"') {
                if (field.length() > 0 || fieldQuoted) {
                    throw new RosterException(fileName + ", line " + line + ", column " + (cells.size() + 1)
                            + ": a quote inside an unquoted field; put the whole field in quotes and write the "
                            + "quote as two quotes (\"\")");
                }
                inQuotes = true;
                fieldQuoted = true;
            } else {
                field.append(c);
            }
        }
        if (inQuotes) {
            throw new RosterException(fileName + ", line " + recordLine + ", column " + (cells.size() + 1)
                    + ": a quoted field is never closed");
        }
        if (field.length() > 0 || !cells.isEmpty()) {
            cells.add(field.toString());
            add(fileName, rows, new Table.Row("line " + recordLine, cells), maxRows);
        }
        if (rows.isEmpty()) {
            throw new RosterException(fileName + ": the file is empty; the first line must name the columns");
        }
        return new Table(fileName, false, rows.get(0), List.copyOf(rows.subList(1, rows.size())));
    }

    private static void add(String fileName, List<Table.Row> rows, Table.Row row, int maxRows) throws RosterException {
        if (row.blank()) {
            return;
        }
        if (rows.size() > maxRows) { // the header is one of the rows
            throw new RosterException(fileName + ": more than " + String.format("%,d", maxRows)
                    + " people; split the roster or contact the maintainers if you need more");
        }
        rows.add(row);
    }

    private static String decode(String fileName, byte[] bytes) throws RosterException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new RosterException(fileName + ": not UTF-8 text; export the roster as \"CSV UTF-8\" or as XLSX");
        }
    }

    /** Comma unless the first record has more semicolons than commas outside quotes. */
    static char separator(String text) {
        int commas = 0;
        int semicolons = 0;
        boolean inQuotes = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (!inQuotes && (c == '\n' || c == '\r')) {
                break;
            } else if (!inQuotes && c == ',') {
                commas++;
            } else if (!inQuotes && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }
}
