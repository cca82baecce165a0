package dev.evident.connectors.hrroster;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gives a {@link Table} its meaning: finds the columns by header, validates every row and collects
 * all problems, so one upload shows everything that needs fixing. Either every row is valid or
 * none is used.
 */
final class Roster {

    static final String DATE_FORMATS = "use YYYY-MM-DD (e.g. 2026-03-01) or a date cell in XLSX";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern ISO_DATE_TIME_PREFIX = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ].*");
    private static final Pattern ALIAS_SEPARATORS = Pattern.compile("[,;\\s]+");
    private static final int MAX_PROBLEMS = 50;

    private final Table table;
    private final Map<Column, Integer> columns = new EnumMap<>(Column.class);
    private final Map<Column, String> headers = new EnumMap<>(Column.class);
    private final List<String> problems = new ArrayList<>();
    private final List<Person> people = new ArrayList<>();
    private final Map<String, String> aliasesSeen = new HashMap<>();
    private int problemCount;

    private Roster(Table table) {
        this.table = table;
    }

    static Roster of(Table table) {
        Roster roster = new Roster(table);
        roster.findColumns();
        if (roster.missingColumns().isEmpty()) {
            roster.validateRows();
        }
        return roster;
    }

    /** "email → "Work Email"" for each recognised column. */
    String columnsFound() {
        return columns.keySet().stream()
                .map(column -> column.label() + " → \"" + headers.get(column) + "\"")
                .collect(Collectors.joining(", "));
    }

    List<Column> missingColumns() {
        return List.of(Column.values()).stream()
                .filter(column -> column.required() && !columns.containsKey(column))
                .toList();
    }

    String missingColumnsProblem() {
        return table.fileName() + ", " + table.header().location() + ": missing required column"
                + (missingColumns().size() > 1 ? "s " : " ")
                + missingColumns().stream()
                        .map(column -> "\"" + column.label() + "\" (accepted headers: " + String.join(", ", column.aliases()) + ")")
                        .collect(Collectors.joining("; "));
    }

    /** Row problems, the first {@value #MAX_PROBLEMS} of them. */
    List<String> problems() {
        return problems;
    }

    int problemCount() {
        return problemCount;
    }

    List<Person> people() {
        return people;
    }

    boolean valid() {
        return missingColumns().isEmpty() && problemCount == 0;
    }

    private void findColumns() {
        List<String> header = table.header().cells();
        for (int i = 0; i < header.size(); i++) {
            for (Column column : Column.values()) {
                if (column.matches(header.get(i)) && !columns.containsKey(column)) {
                    columns.put(column, i);
                    headers.put(column, header.get(i).strip());
                }
            }
        }
    }

    private void validateRows() {
        if (table.rows().isEmpty()) {
            problemCount++;
            problems.add(table.fileName() + ": no people below the header row (" + table.header().location() + ")");
            return;
        }
        Map<String, String> seen = new HashMap<>();
        for (Table.Row row : table.rows()) {
            int before = problemCount;
            String email = text(row, Column.EMAIL);
            String name = text(row, Column.NAME);
            if (email == null) {
                problem(row, Column.EMAIL, "email is empty; every person needs a work email");
            } else if (!EMAIL.matcher(email).matches()) {
                problem(row, Column.EMAIL, "\"" + email + "\" is not an email address");
            } else {
                String key = email.toLowerCase(Locale.ROOT);
                String first = seen.putIfAbsent(key, row.location());
                if (first != null) {
                    problem(row, Column.EMAIL, "duplicate email " + key + ", already on " + first);
                }
            }
            if (name == null) {
                problem(row, Column.NAME, "name is empty");
            }
            String manager = text(row, Column.MANAGER);
            if (manager != null && !EMAIL.matcher(manager).matches()) {
                problem(row, Column.MANAGER, "\"" + manager + "\" is not an email address; give the manager's work email");
            }
            LocalDate start = date(row, Column.START_DATE);
            if (start == null && text(row, Column.START_DATE) == null) {
                problem(row, Column.START_DATE, "start date is empty");
            }
            LocalDate end = date(row, Column.END_DATE);
            if (start != null && end != null && end.isBefore(start)) {
                problem(row, Column.END_DATE, "end date " + end + " is before the start date " + start);
            }
            List<String> aliases = aliases(row, email);
            if (problemCount == before) {
                people.add(new Person(row.location(), email.toLowerCase(Locale.ROOT), name, text(row, Column.DEPARTMENT),
                        manager == null ? null : manager.toLowerCase(Locale.ROOT),
                        employmentType(text(row, Column.EMPLOYMENT_TYPE)), start, end, aliases));
            }
        }
        for (Table.Row row : table.rows()) {
            String own = text(row, Column.EMAIL);
            for (String part : aliasCell(row)) {
                String alias = part.toLowerCase(Locale.ROOT);
                String owner = seen.get(alias);
                if (owner != null && (own == null || !alias.equals(own.toLowerCase(Locale.ROOT)))) {
                    problem(row, Column.ALIASES, "the other email " + alias + " is the email of the person on " + owner
                            + "; an address can belong to one person only");
                }
            }
        }
    }

    private String text(Table.Row row, Column column) {
        Integer index = columns.get(column);
        if (index == null) {
            return null;
        }
        String value = row.cell(index);
        return value.isEmpty() ? null : value;
    }

    /**
     * The other-emails cell: addresses separated by commas, semicolons or spaces, each an email, none the
     * person's own email and none another person's alias.
     */
    private List<String> aliases(Table.Row row, String email) {
        Set<String> result = new LinkedHashSet<>();
        for (String part : aliasCell(row)) {
            String alias = part.toLowerCase(Locale.ROOT);
            if (!EMAIL.matcher(part).matches()) {
                problem(row, Column.ALIASES, "\"" + part + "\" is not an email address; separate addresses with commas");
            } else if (email != null && alias.equals(email.toLowerCase(Locale.ROOT))) {
                continue;
            } else {
                String first = aliasesSeen.putIfAbsent(alias, row.location());
                if (first != null && !first.equals(row.location())) {
                    problem(row, Column.ALIASES, "the other email " + alias + " is given for two people, also on " + first
                            + "; an address can belong to one person only");
                } else if (first == null) {
                    result.add(alias);
                }
            }
        }
        return List.copyOf(result);
    }

    private List<String> aliasCell(Table.Row row) {
        String value = text(row, Column.ALIASES);
        return value == null ? List.of() : List.of(ALIAS_SEPARATORS.split(value.strip())).stream()
                .filter(part -> !part.isEmpty()).toList();
    }

    private LocalDate date(Table.Row row, Column column) {
        String value = text(row, column);
        if (value == null) {
            return null;
        }
        String date = ISO_DATE_TIME_PREFIX.matcher(value).matches() ? value.substring(0, 10) : value;
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            problem(row, column, "\"" + value + "\" is not a date; " + DATE_FORMATS);
            return null;
        }
    }

    /** Common spellings map to employee, contractor or intern; anything else is kept as given. */
    static String employmentType(String value) {
        if (value == null) {
            return null;
        }
        return switch (Column.normalise(value)) {
            case "employee", "full time", "fulltime", "part time", "parttime", "permanent", "fte", "salaried" -> "employee";
            case "contractor", "contract", "consultant", "freelance", "freelancer", "external" -> "contractor";
            case "intern", "internship", "working student", "trainee" -> "intern";
            default -> value;
        };
    }

    private void problem(Table.Row row, Column column, String message) {
        problemCount++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(table.fileName() + ", " + row.location() + ", "
                    + table.column(columns.get(column), headers.get(column)) + ": " + message);
        }
    }
}
