package dev.evident.connectors.hrroster;

import dev.evident.connector.UploadedDocument;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads an uploaded roster within fixed bounds and picks the parser from the file's first bytes. */
final class RosterFile {

    static final int MAX_BYTES = 10 * 1024 * 1024;
    static final int MAX_PEOPLE = 50_000;

    /** The parsed table and the SHA-256 of the exact bytes it came from. */
    record Parsed(Table table, String sha256) {
    }

    private RosterFile() {
    }

    static Parsed read(UploadedDocument document) throws RosterException {
        String fileName = document.fileName() == null || document.fileName().isBlank() ? "roster" : document.fileName();
        if (document.size() > MAX_BYTES) {
            throw tooLarge(fileName);
        }
        byte[] bytes;
        try (InputStream in = document.open()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new RosterException(fileName + ": the stored file cannot be read (" + e.getMessage()
                    + "); upload it again");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(fileName);
        }
        Table table;
        if (startsWith(bytes, 0x50, 0x4B, 0x03, 0x04)) {
            table = XlsxReader.read(fileName, bytes, MAX_PEOPLE);
        } else if (startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw new RosterException(fileName + ": this is an old Excel 97-2003 (.xls) file; save it as .xlsx or CSV");
        } else {
            table = CsvReader.read(fileName, bytes, MAX_PEOPLE);
        }
        return new Parsed(table, sha256(bytes));
    }

    private static RosterException tooLarge(String fileName) {
        return new RosterException(fileName + ": larger than " + MAX_BYTES / (1024 * 1024)
                + " MB; a roster of " + String.format("%,d", MAX_PEOPLE) + " people fits well within that, so check that "
                + "the right file was exported");
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
