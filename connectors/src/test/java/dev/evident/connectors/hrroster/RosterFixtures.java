package dev.evident.connectors.hrroster;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.UploadedDocument;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Builds uploaded rosters (CSV text, XLSX workbooks made with POI) and runs the connector on them. */
final class RosterFixtures {

    static final Instant NOW = Instant.parse("2026-06-15T09:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RosterFixtures() {
    }

    static UploadedDocument document(String fileName, byte[] bytes) {
        return new UploadedDocument(fileName, bytes.length, sha256(bytes), NOW.minusSeconds(3600),
                () -> new ByteArrayInputStream(bytes));
    }

    static UploadedDocument csv(String text) {
        return document("roster.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    static CollectionContext context(UploadedDocument document) {
        return CollectionContext.of(CLOCK, null, Map.of("roster", document));
    }

    static List<CollectedResource> collect(UploadedDocument document) throws CollectionException {
        List<CollectedResource> people = new ArrayList<>();
        new HrRosterConnector().collect(context(document)).forEachRemaining(people::add);
        return people;
    }

    static JsonNode attributes(CollectedResource resource) {
        return JSON.readTree(resource.attributesJson());
    }

    /** A workbook whose first sheet holds the rows; LocalDate values become real date cells. */
    static UploadedDocument xlsx(String sheetName, List<List<Object>> rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(sheetName);
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy"));
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                List<Object> values = rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    if (value == null) {
                        continue;
                    }
                    if (value instanceof LocalDate date) {
                        row.createCell(c).setCellValue(date);
                        row.getCell(c).setCellStyle(dateStyle);
                    } else if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
            return document("roster.xlsx", out.toByteArray());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
