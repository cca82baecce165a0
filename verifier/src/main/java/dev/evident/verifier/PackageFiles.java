package dev.evident.verifier;

import static dev.evident.verifier.PackageVerifier.FORMAT;
import static dev.evident.verifier.PackageVerifier.MANIFEST;
import static dev.evident.verifier.PackageVerifier.PUBLIC_KEY;
import static dev.evident.verifier.PackageVerifier.ROOT;

import dev.evident.verifier.PackageVerifier.Problem;
import dev.evident.verifier.PackageVerifier.UnreadablePackageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the package's own small files from the zip (manifest.json, checkpoint.json, public-key.pem).
 * A missing or damaged checkpoint or key is recorded as a problem; a manifest that cannot be read means
 * the file is not an evidence package at all.
 */
final class PackageFiles {

    private final ZipFile zip;
    private final List<Problem> problems;

    PackageFiles(ZipFile zip, List<Problem> problems) {
        this.zip = zip;
        this.problems = problems;
    }

    /** manifest.json, checked to be a manifest of this format naming an organization. */
    Map<?, ?> manifest() throws IOException, UnreadablePackageException {
        ZipEntry entry = zip.getEntry(MANIFEST);
        if (entry == null) {
            throw new UnreadablePackageException("not an Evident evidence package: " + MANIFEST + " is missing");
        }
        Object parsed;
        try {
            parsed = Json.parse(read(entry));
        } catch (JsonParseException e) {
            throw new UnreadablePackageException(MANIFEST + " is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> manifest) || !FORMAT.equals(manifest.get("format"))) {
            throw new UnreadablePackageException(MANIFEST + " is not a manifest of format " + FORMAT);
        }
        if (!(manifest.get("organization") instanceof Map<?, ?> org) || !(org.get("id") instanceof String)) {
            throw new UnreadablePackageException(MANIFEST + " names no organization");
        }
        return manifest;
    }

    /** A JSON object file of the package, or null after recording it as missing or damaged. */
    Map<?, ?> jsonObject(String name, String what) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        String relative = name.substring(ROOT.length());
        if (entry == null) {
            problems.add(new Problem("missing", null, relative, null, "the " + what + " is missing from the package"));
            return null;
        }
        try {
            if (Json.parse(read(entry)) instanceof Map<?, ?> map) {
                return map;
            }
        } catch (JsonParseException e) {
            // reported below
        }
        problems.add(new Problem(what, null, relative, null, "is not a valid JSON object: it was altered"));
        return null;
    }

    /** public-key.pem, or null after recording it as missing or not an Ed25519 key. */
    PublicKey packageKey() throws IOException {
        ZipEntry entry = zip.getEntry(PUBLIC_KEY);
        if (entry == null) {
            problems.add(new Problem("missing", null, "public-key.pem", null, "the public key is missing from the package"));
            return null;
        }
        try {
            return Ed25519.fromPem(read(entry));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("key", null, "public-key.pem", null, "is not an Ed25519 public key: " + e.getMessage()));
            return null;
        }
    }

    private String read(ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
