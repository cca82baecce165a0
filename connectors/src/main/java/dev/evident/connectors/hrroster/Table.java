package dev.evident.connectors.hrroster;

import java.util.List;

/**
 * A roster as rows of text cells, before any meaning is given to the columns.
 *
 * @param fileName    the uploaded file's name, for messages
 * @param spreadsheet true for XLSX, where columns are named by letter and rows by sheet and number
 * @param header      the first non-blank row
 * @param rows        the rows after the header, blank rows left out
 */
record Table(String fileName, boolean spreadsheet, Row header, List<Row> rows) {

    /** One row and where it was: "line 7" in a CSV file, "sheet "People" row 7" in a workbook. */
    record Row(String location, List<String> cells) {

        String cell(int index) {
            if (index < 0 || index >= cells.size()) {
                return "";
            }
            String value = cells.get(index);
            return value == null ? "" : value.strip();
        }

        boolean blank() {
            return cells.stream().allMatch(cell -> cell == null || cell.isBlank());
        }
    }

    /** Column as a person looking at the file would find it: C "Email" or 3 "Email". */
    String column(int index, String headerName) {
        String position = spreadsheet ? letters(index) : Integer.toString(index + 1);
        return "column " + position + " \"" + headerName + "\"";
    }

    static String letters(int index) {
        StringBuilder out = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            out.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return out.toString();
    }
}
