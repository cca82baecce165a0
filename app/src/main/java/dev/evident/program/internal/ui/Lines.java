package dev.evident.program.internal.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists typed one item per line, the fast way to enter the DC 200 lists: "Name — description".
 * A dash with spaces around it (—, –, - or --), or a tab pasted from a spreadsheet, separates the
 * two parts; bullets pasted from a document are dropped. Blank lines are ignored, and every item
 * remembers its line number so that errors can point at it.
 */
final class Lines {

    /** The separator people type; the pages write " — " back. */
    private static final Pattern SEPARATOR = Pattern.compile("\\s*[—–]\\s*|\\s+--?\\s+|\\t+");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•]|\\d+[.)])\\s+");
    private static final Pattern CRITERIA = Pattern.compile(
            "(?i)\\s*[A-Z]{1,2}\\d+\\.\\d+(?:\\s*[,;]\\s*[A-Z]{1,2}\\d+\\.\\d+)*\\s*");
    static final String DASH = " — ";

    /** One item: its line number (from 1), the part before the first separator and the rest (null if none). */
    record Line(int number, String head, String tail) {
    }

    /** A complementary control: its text and the criteria named after the last separator. */
    record Controlled(int number, String text, List<String> criteria) {
    }

    private Lines() {
    }

    static List<Line> parse(String text) {
        List<Line> items = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = BULLET.matcher(lines[i]).replaceFirst("").strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = SEPARATOR.matcher(line);
            if (m.find()) {
                String head = line.substring(0, m.start()).strip();
                String tail = line.substring(m.end()).strip();
                items.add(new Line(i + 1, head, tail.isEmpty() ? null : tail));
            } else {
                items.add(new Line(i + 1, line, null));
            }
        }
        return items;
    }

    /**
     * Lines of complementary controls: "Customers review their users' access — CC6.2, CC6.3". The part
     * after the last separator counts as criteria only if it is a list of criterion ids; otherwise
     * the whole line is the control's text.
     */
    static List<Controlled> parseControlled(String text) {
        List<Controlled> items = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = BULLET.matcher(lines[i]).replaceFirst("").strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = SEPARATOR.matcher(line);
            int start = -1;
            int end = -1;
            while (m.find()) {
                start = m.start();
                end = m.end();
            }
            String tail = start < 0 ? null : line.substring(end);
            if (tail != null && CRITERIA.matcher(tail).matches()) {
                List<String> criteria = Arrays.stream(tail.split("[,;]")).map(String::strip)
                        .map(s -> s.toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
                items.add(new Controlled(i + 1, line.substring(0, start).strip(), criteria));
            } else {
                items.add(new Controlled(i + 1, line, List.of()));
            }
        }
        return items;
    }

    static String join(String head, String tail) {
        return tail == null || tail.isBlank() ? head : head + DASH + tail;
    }

    static String joinControlled(String text, List<String> criteria) {
        return criteria == null || criteria.isEmpty() ? text : text + DASH + String.join(", ", criteria);
    }
}
