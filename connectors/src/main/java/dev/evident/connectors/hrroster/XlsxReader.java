package dev.evident.connectors.hrroster;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the first sheet of an XLSX workbook as text cells, streaming its XML rather than loading the
 * whole workbook. Date cells become ISO dates (2026-03-01) whatever display format they have.
 */
final class XlsxReader {

    private XlsxReader() {
    }

    static Table read(String fileName, byte[] bytes, int maxRows) throws RosterException {
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes))) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            if (!sheets.hasNext()) {
                throw new RosterException(fileName + ": the workbook has no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                String sheetName = sheets.getSheetName();
                Collector collector = new Collector(fileName, sheetName, maxRows);
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, collector,
                        new IsoDateFormatter(), false));
                parser.parse(new InputSource(sheet));
                if (collector.tooMany != null) {
                    throw collector.tooMany;
                }
                if (collector.rows.isEmpty()) {
                    throw new RosterException(fileName + ", sheet \"" + sheetName + "\": the sheet is empty; "
                            + "its first row must name the columns");
                }
                return new Table(fileName, true, collector.rows.get(0),
                        List.copyOf(collector.rows.subList(1, collector.rows.size())));
            }
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException
                 | RuntimeException e) {
            throw new RosterException(fileName + ": not a readable XLSX workbook (" + e.getMessage()
                    + "); save it from your spreadsheet program as .xlsx or export CSV");
        }
    }

    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final String fileName;
        private final String sheetName;
        private final int maxRows;
        private final List<Table.Row> rows = new ArrayList<>();
        private List<String> cells;
        private RosterException tooMany;

        Collector(String fileName, String sheetName, int maxRows) {
            this.fileName = fileName;
            this.sheetName = sheetName;
            this.maxRows = maxRows;
        }

        @Override
        public void startRow(int rowNum) {
            cells = new ArrayList<>();
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(formattedValue == null ? "" : formattedValue);
        }

        @Override
        public void endRow(int rowNum) {
            Table.Row row = new Table.Row("sheet \"" + sheetName + "\" row " + (rowNum + 1), cells);
            if (row.blank()) {
                return;
            }
            if (tooMany != null) {
                return; // the file is bounded in size, so reading on to its end costs little
            }
            if (rows.size() > maxRows) { // the header is one of the rows
                tooMany = new RosterException(fileName + ": more than " + String.format("%,d", maxRows)
                        + " people; split the roster or contact the maintainers if you need more");
                rows.clear();
                return;
            }
            rows.add(row);
        }
    }

    /** Formats date cells as ISO dates and everything else as Excel would display it. */
    private static final class IsoDateFormatter extends DataFormatter {

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904).toLocalDate().toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }
    }
}
