package dev.evident.verifier.cli;

import dev.evident.verifier.ChainVerification;
import dev.evident.verifier.HashChain;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/** Verifies an audit-log export ({@code .jsonl}) as one hash chain. */
final class AuditLogVerifier implements FileVerifier {

    @Override
    public boolean accepts(Path file) {
        return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".jsonl");
    }

    @Override
    public int verify(Path file, PrintStream out) throws IOException {
        ChainVerification result;
        try (AuditLogExport export = AuditLogExport.open(file)) {
            result = HashChain.verify(export);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (result.valid()) {
            out.println("Audit log chain OK: " + result.entriesChecked() + " entries, head " + result.headHash());
            return Main.EXIT_VALID;
        }
        ChainVerification.Problem problem = result.firstProblem();
        out.println("Audit log chain BROKEN at entry seq " + problem.seq() + " (id " + problem.id() + "): "
                + problem.reason());
        out.println(result.entriesChecked() + " entries verified before the break; last good hash "
                + result.headHash());
        return Main.EXIT_BROKEN;
    }
}
