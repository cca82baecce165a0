package dev.evident.verifier.cli;

import dev.evident.verifier.PackageVerifier;
import dev.evident.verifier.PackageVerifier.Problem;
import dev.evident.verifier.PackageVerifier.Summary;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Locale;

/** Verifies an evidence audit package ({@code .zip}) with {@link PackageVerifier}. */
final class PackageFileVerifier implements FileVerifier {

    private final PublicKey pinnedKey;

    PackageFileVerifier(PublicKey pinnedKey) {
        this.pinnedKey = pinnedKey;
    }

    @Override
    public boolean accepts(Path file) {
        return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    @Override
    public int verify(Path file, PrintStream out) throws IOException {
        PackageVerifier.Result result;
        try {
            result = PackageVerifier.verify(file, pinnedKey);
        } catch (PackageVerifier.UnreadablePackageException e) {
            throw new ExportFormatException(e.getMessage());
        }
        Summary s = result.summary();
        out.println("Evidence package " + file.getFileName());
        out.println("  organization: " + s.organization());
        out.println("  program:      " + s.program() + ", interval " + s.interval());
        out.println("  items:        " + s.items() + " (" + s.bytes() + " bytes of evidence)");
        out.println("  ledger:       " + s.chainLength() + " entries; checkpoint of " + s.treeSize() + " entries signed at "
                + s.checkpointSignedAt());
        out.println("  key:          " + s.keyId() + (s.keyPinned() ? " (pinned with --public-key)"
                : " (WARNING: trusted from the package itself; pin the organization's key with --public-key file.pem)"));
        if (result.valid()) {
            out.println("Evidence package OK: every file, item, ledger entry, inclusion proof and the checkpoint "
                    + "signature verify.");
            return Main.EXIT_VALID;
        }
        out.println("Evidence package BROKEN: " + result.problems().size() + " problem"
                + (result.problems().size() == 1 ? "" : "s"));
        for (Problem p : result.problems()) {
            out.println("  " + p);
        }
        return Main.EXIT_BROKEN;
    }
}
