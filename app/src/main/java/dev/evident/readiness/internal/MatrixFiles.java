package dev.evident.readiness.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** Writes tables as CSV (RFC 4180) or XLSX, guarding spreadsheet users against formula injection. */
final class MatrixFiles {

    private MatrixFiles() {
    }

    /**
     * A cell that starts with =, +, -, @ or a control character would run as a formula when the file is
     * opened in a spreadsheet; a leading apostrophe keeps it text (OWASP's advice for CSV exports).
     */
    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    /** UTF-8 with a byte-order mark, so spreadsheet programs read accents correctly; CRLF line ends. */
    static void csv(List<String> header, List<List<String>> rows, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        line(writer, header);
        for (List<String> row : rows) {
            line(writer, row);
        }
        writer.flush();
    }

    private static void line(Writer writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            String cell = safe(cells.get(i));
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                writer.write('"');
                writer.write(cell.replace("\"", "\"\""));
                writer.write('"');
            } else {
                writer.write(cell);
            }
        }
        writer.write("\r\n");
    }

    /**
     * One workbook with the matrix on the first sheet (bold frozen header, filters) and a summary
     * sheet. Streaming: only a window of rows is kept in memory.
     */
    static void xlsx(String sheetName, List<String> header, List<List<String>> rows, List<List<String>> summary,
                     OutputStream out) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            workbook.setCompressTempFiles(true);
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle headerStyle = workbook.createCellStyle();
            headerStyle.setFont(bold);
            CellStyle wrap = workbook.createCellStyle();
            wrap.setWrapText(true);

            SXSSFSheet sheet = workbook.createSheet(sheetName);
            write(sheet.createRow(0), header, headerStyle);
            for (int i = 0; i < rows.size(); i++) {
                write(sheet.createRow(i + 1), rows.get(i), null);
            }
            sheet.createFreezePane(0, 1);
            sheet.setAutoFilter(new CellRangeAddress(0, Math.max(rows.size(), 1), 0, header.size() - 1));
            int[] widths = {16, 8, 10, 50, 14, 10, 40, 22, 28, 12, 11, 12, 11, 12, 15, 40};
            for (int c = 0; c < header.size(); c++) {
                sheet.setColumnWidth(c, (c < widths.length ? widths[c] : 20) * 256);
            }

            Sheet summarySheet = workbook.createSheet("Summary");
            for (int i = 0; i < summary.size(); i++) {
                write(summarySheet.createRow(i), summary.get(i), i == 0 ? headerStyle : null);
            }
            summarySheet.setColumnWidth(0, 30 * 256);
            summarySheet.setColumnWidth(1, 60 * 256);
            workbook.write(out);
            workbook.dispose();
        }
    }

    private static void write(Row row, List<String> cells, CellStyle style) {
        for (int c = 0; c < cells.size(); c++) {
            var cell = row.createCell(c);
            // Cells are written as text, never as formulas, so no escaping is needed here.
            cell.setCellValue(cells.get(c) == null ? "" : cells.get(c));
            if (style != null) {
                cell.setCellStyle(style);
            }
        }
    }
}
