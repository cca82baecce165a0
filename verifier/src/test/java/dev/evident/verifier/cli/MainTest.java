package dev.evident.verifier.cli;

import dev.evident.verifier.CanonicalJson;
import dev.evident.verifier.ChainFixtures;
import dev.evident.verifier.ChainLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void validExportExitsZeroAndPrintsTheHead() throws IOException {
        List<ChainLink> chain = ChainFixtures.validChain(42);
        Path file = write("audit.jsonl", exportLines(chain));

        int exit = run(file.toString());

        assertThat(exit).isZero();
        assertThat(stdout()).isEqualTo("Audit log chain OK: 42 entries, head " + chain.get(41).hash() + "\n");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void blankLinesAndUnknownFieldsAreIgnored() throws IOException {
        List<String> lines = new ArrayList<>(exportLines(ChainFixtures.validChain(2)));
        lines.add(1, "   ");
        lines.add("");
        lines.set(0, lines.get(0).replaceFirst("\\{", "{\"exportedBy\":\"evident 0.1\","));
        Path file = write("audit.jsonl", lines);

        assertThat(run(file.toString())).isZero();
        assertThat(stdout()).startsWith("Audit log chain OK: 2 entries");
    }

    @Test
    void emptyExportIsAValidEmptyChain() throws IOException {
        Path file = write("empty.jsonl", List.of());

        assertThat(run(file.toString())).isZero();
        assertThat(stdout()).isEqualTo("Audit log chain OK: 0 entries, head " + "0".repeat(64) + "\n");
    }

    @Test
    void tamperedEntryExitsOneNamingSeqAndId() throws IOException {
        List<ChainLink> chain = new ArrayList<>(ChainFixtures.validChain(10));
        Map<String, Object> edited = new LinkedHashMap<>(chain.get(6).content());
        edited.put("actor", "mallory");
        chain.set(6, ChainFixtures.withContent(chain.get(6), edited));
        Path file = write("audit.jsonl", exportLines(chain));

        int exit = run(file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(stdout())
                .startsWith("Audit log chain BROKEN at entry seq 7 (id entry-7): hash mismatch: stored ")
                .contains("6 entries verified before the break; last good hash " + chain.get(5).hash());
    }

    @Test
    void deletedLineExitsOneWithSequenceGap() throws IOException {
        List<String> lines = new ArrayList<>(exportLines(ChainFixtures.validChain(5)));
        lines.remove(2);
        Path file = write("audit.jsonl", lines);

        assertThat(run(file.toString())).isEqualTo(1);
        assertThat(stdout()).contains("seq 4 (id entry-4): sequence gap: expected 3, found 4");
    }

    @Test
    void malformedLineExitsTwoNamingLineAndColumn() throws IOException {
        List<String> lines = new ArrayList<>(exportLines(ChainFixtures.validChain(3)));
        lines.add(1, "");
        lines.set(2, "{\"seq\" 2}");
        Path file = write("audit.jsonl", lines);

        int exit = run(file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).isEqualTo("error: audit.jsonl line 3, column 8: expected ':' after object key\n");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void lineMissingAFieldExitsTwo() throws IOException {
        Path file = write("audit.jsonl", List.of("{\"seq\":1,\"id\":\"a\",\"prevHash\":\"x\",\"entry\":{}}"));

        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(stderr()).isEqualTo("error: audit.jsonl line 1: missing field \"hash\"\n");
    }

    @Test
    void lineThatIsNotAnObjectExitsTwo() throws IOException {
        Path file = write("audit.jsonl", List.of("[1,2]"));

        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(stderr()).contains("line 1: expected a JSON object");
    }

    @Test
    void invalidUtf8ExitsTwo() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        Files.write(file, new byte[] {'{', (byte) 0xff, '}'});

        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(stderr()).contains("not valid UTF-8");
    }

    @Test
    void unsupportedFileTypeExitsTwo() throws IOException {
        Path file = write("evidence.csv", List.of());

        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(stderr()).contains("unsupported file type, expected a .jsonl audit-log export or a .zip evidence package");
    }

    @Test
    void aZipThatIsNoPackageExitsTwo() throws IOException {
        Path file = write("package.zip", List.of());

        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(stderr()).contains("package.zip is not a zip file");
    }

    @Test
    void anEvidencePackageIsVerifiedAndDamageNamedWithExitOne() throws IOException {
        dev.evident.verifier.PackageFixture f = dev.evident.verifier.PackageFixture.standard();
        Path good = f.write(dir.resolve("good.zip"));
        assertThat(run(good.toString())).isZero();
        assertThat(stdout()).contains("items:        4").contains("ledger:       9 entries")
                .contains("WARNING: trusted from the package").contains("Evidence package OK");

        Path key = Files.writeString(dir.resolve("key.pem"), dev.evident.verifier.Ed25519.toPem(f.key.getPublic()));
        out.reset();
        assertThat(run("--public-key", key.toString(), good.toString())).isZero();
        assertThat(stdout()).contains("pinned with --public-key").doesNotContain("WARNING");

        String id = f.paths.keySet().iterator().next();
        f.entries.get("evident-package/" + f.paths.get(id))[0] ^= 1;
        Path bad = f.write(dir.resolve("bad.zip"));
        out.reset();
        assertThat(run(bad.toString())).isEqualTo(1);
        assertThat(stdout()).contains("Evidence package BROKEN: 1 problem").contains("[file] evidence " + id)
                .contains(f.paths.get(id));

        assertThat(run("--public-key", dir.resolve("none.pem").toString(), good.toString())).isEqualTo(2);
        assertThat(stderr()).contains("cannot read the public key");
    }

    @Test
    void missingFileExitsTwo() {
        assertThat(run(dir.resolve("nope.jsonl").toString())).isEqualTo(2);
        assertThat(stderr()).contains("nope.jsonl: no such file");
    }

    @Test
    void usageErrorsExitTwoAndHelpAndVersionExitZero() {
        assertThat(run()).isEqualTo(2);
        assertThat(stderr()).contains("Usage: java -jar evident-verify.jar");

        assertThat(run("a.jsonl", "b.jsonl")).isEqualTo(2);
        assertThat(run("--frobnicate")).isEqualTo(2);

        assertThat(run("--help")).isZero();
        assertThat(stdout()).contains("Usage:").contains("Exit codes");

        out.reset();
        assertThat(run("--version")).isZero();
        assertThat(stdout()).startsWith("evident-verify ");
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    }

    /** Writes links the way the app exports them; canonical JSON is valid JSON, so reuse it. */
    private static List<String> exportLines(List<ChainLink> chain) {
        List<String> lines = new ArrayList<>();
        for (ChainLink link : chain) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("seq", link.seq());
            line.put("id", link.id());
            line.put("prevHash", link.prevHash());
            line.put("hash", link.hash());
            line.put("entry", link.content());
            lines.add(CanonicalJson.encode(line));
        }
        return lines;
    }
}
