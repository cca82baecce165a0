package dev.evident.connectors.aws;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IAM credential report: CSV with a header row, one row per user plus the root user
 * ({@code <root_account>}). Cells hold {@code true}/{@code false}, ISO-8601 times, or
 * {@code N/A}, {@code not_supported}, {@code no_information} where there is no value.
 */
final class CredentialReport {

    static final String ROOT = "<root_account>";

    private CredentialReport() {
    }

    /** The rows by user name, each a map from column name to cell. The report has no quoted cells. */
    static Map<String, Map<String, String>> parse(String csv) {
        String[] lines = csv.strip().split("\r?\n");
        Map<String, Map<String, String>> rows = new HashMap<>();
        if (lines.length == 0 || lines[0].isBlank()) {
            return rows;
        }
        String[] header = lines[0].split(",", -1);
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length && c < cells.length; c++) {
                row.put(header[c].strip(), cells[c].strip());
            }
            rows.put(row.get("user"), row);
        }
        return rows;
    }

    static Boolean bool(String cell) {
        return "true".equals(cell) ? Boolean.TRUE : "false".equals(cell) ? Boolean.FALSE : null;
    }

    /** A time cell ({@code 2026-01-05T10:00:00+00:00}), or null for N/A, no_information and the like. */
    static Instant instant(String cell) {
        if (cell == null || cell.isEmpty() || !Character.isDigit(cell.charAt(0))) {
            return null;
        }
        try {
            return OffsetDateTime.parse(cell).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
