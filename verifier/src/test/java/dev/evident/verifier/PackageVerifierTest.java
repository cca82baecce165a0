package dev.evident.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.verifier.PackageVerifier.Problem;
import dev.evident.verifier.PackageVerifier.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A package verifies as built, and each kind of tampering is found and located. */
class PackageVerifierTest {

    @TempDir
    Path dir;

    @Test
    void anIntactPackageVerifiesAndIsSummarized() throws Exception {
        PackageFixture f = PackageFixture.standard();
        Result result = verify(f);
        assertThat(result.problems()).isEmpty();
        assertThat(result.summary().items()).isEqualTo(4);
        assertThat(result.summary().chainLength()).isEqualTo(9);
        assertThat(result.summary().treeSize()).isEqualTo(9);
        assertThat(result.summary().keyId()).isEqualTo(Ed25519.keyId(f.key.getPublic()));
        assertThat(result.summary().keyPinned()).isFalse();
        assertThat(result.summary().bytes()).isEqualTo(f.paths.values().stream()
                .mapToLong(p -> f.entries.get(PackageVerifier.ROOT + p).length).sum());

        Result pinned = PackageVerifier.verify(f.write(dir.resolve("pinned.zip")), f.key.getPublic());
        assertThat(pinned.valid()).isTrue();
        assertThat(pinned.summary().keyPinned()).isTrue();
    }

    @Test
    void aFlippedByteInAnEvidenceFileNamesTheItemAndItsPath() throws Exception {
        PackageFixture f = PackageFixture.standard();
        String id = f.paths.keySet().iterator().next();
        byte[] content = f.entries.get(PackageVerifier.ROOT + f.paths.get(id));
        content[3] ^= 1;

        assertThat(verify(f).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("file");
            assertThat(p.evidenceId()).isEqualTo(id);
            assertThat(p.path()).isEqualTo(f.paths.get(id));
            assertThat(p.toString()).contains("does not match the manifest").contains("altered");
        });
    }

    @Test
    void editedMetadataInTheManifestNamesTheItem() throws Exception {
        PackageFixture f = PackageFixture.standard();
        Map<String, Object> manifest = manifest(f);
        Map<String, Object> item = item(manifest, 1);
        metadata(item).put("title", "Something else");
        f.put(PackageVerifier.MANIFEST, CanonicalJson.encode(manifest));

        assertThat(verify(f).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("metadata");
            assertThat(p.evidenceId()).isEqualTo(item.get("evidenceId"));
            assertThat(p.detail()).contains("metadataSha256");
        });
    }

    @Test
    void metadataEditedAndRehashedStillDiffersFromTheLedger() throws Exception {
        PackageFixture f = PackageFixture.standard();
        Map<String, Object> manifest = manifest(f);
        Map<String, Object> item = item(manifest, 1);
        metadata(item).put("effectiveFrom", "2026-12-01");
        item.put("metadataSha256", Hashes.sha256Hex(CanonicalJson.encode(metadata(item))));
        f.put(PackageVerifier.MANIFEST, CanonicalJson.encode(manifest));

        assertThat(verify(f).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("ledger");
            assertThat(p.evidenceId()).isEqualTo(item.get("evidenceId"));
            assertThat(p.detail()).contains("sealed in the ledger");
        });
    }

    @Test
    void aDeletedLedgerLineIsFoundAndTheItemItAddedIsNamed() throws Exception {
        PackageFixture f = PackageFixture.standard();
        String second = new ArrayList<>(f.paths.keySet()).get(1);
        List<String> lines = new ArrayList<>(f.ledgerLines);
        lines.remove(2); // seq 3: the addition of the second item
        f.put(PackageVerifier.LEDGER, String.join("\n", lines) + "\n");

        List<Problem> problems = verify(f).problems();
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo("chain");
            assertThat(p.seq()).isEqualTo(4L);
            assertThat(p.detail()).contains("entry 3 is missing");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo("ledger");
            assertThat(p.evidenceId()).isEqualTo(second);
            assertThat(p.seq()).isEqualTo(3L);
            assertThat(p.detail()).contains("not in ledger.jsonl");
        });
    }

    @Test
    void twoReorderedLedgerLinesAreFoundWithTheItemConcerned() throws Exception {
        PackageFixture f = PackageFixture.standard();
        List<String> lines = new ArrayList<>(f.ledgerLines);
        String third = lines.get(2);
        lines.set(2, lines.get(3));
        lines.set(3, third);
        f.put(PackageVerifier.LEDGER, String.join("\n", lines) + "\n");

        List<Problem> problems = verify(f).problems();
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo("chain");
            assertThat(p.seq()).isEqualTo(4L);
            assertThat(p.evidenceId()).isEqualTo(new ArrayList<>(f.paths.keySet()).get(1));
            assertThat(p.detail()).contains("entry 3 is missing");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo("chain");
            assertThat(p.seq()).isEqualTo(3L);
            assertThat(p.detail()).contains("lists entry 3 after entry 4: its lines were reordered");
        });
    }

    @Test
    void anAlteredCheckpointSignatureIsFound() throws Exception {
        PackageFixture f = PackageFixture.standard();
        Map<String, Object> checkpoint = json(f.text(PackageVerifier.CHECKPOINT));
        byte[] signature = Base64.getDecoder().decode((String) checkpoint.get("signature"));
        signature[10] ^= 1;
        checkpoint.put("signature", Base64.getEncoder().encodeToString(signature));
        f.put(PackageVerifier.CHECKPOINT, CanonicalJson.encode(checkpoint));
        Map<String, Object> manifest = manifest(f);
        manifest.put("checkpoint", checkpoint);
        f.put(PackageVerifier.MANIFEST, CanonicalJson.encode(manifest));

        assertThat(verify(f).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("signature");
            assertThat(p.path()).isEqualTo("checkpoint.json");
            assertThat(p.detail()).contains("signature does not verify");
        });
    }

    @Test
    void aSignatureFromAnotherCheckpointIsFound() throws Exception {
        PackageFixture f = PackageFixture.standard();
        PackageFixture other = PackageFixture.standard();
        Map<String, Object> checkpoint = json(f.text(PackageVerifier.CHECKPOINT));
        checkpoint.put("signature", json(other.text(PackageVerifier.CHECKPOINT)).get("signature"));
        f.put(PackageVerifier.CHECKPOINT, CanonicalJson.encode(checkpoint));

        List<Problem> problems = verify(f).problems();
        assertThat(problems).anySatisfy(p -> assertThat(p.kind()).isEqualTo("signature"));
        assertThat(problems).anySatisfy(p -> assertThat(p.detail()).contains("differs from the checkpoint in manifest.json"));
    }

    @Test
    void aReplacedPublicKeyIsFound() throws Exception {
        PackageFixture f = PackageFixture.standard();
        f.put(PackageVerifier.PUBLIC_KEY, Ed25519.toPem(PackageFixture.newKey().getPublic()));

        List<Problem> problems = verify(f).problems();
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo("key");
            assertThat(p.path()).isEqualTo("public-key.pem");
        });
        assertThat(problems).anySatisfy(p -> assertThat(p.detail()).contains("unknown key"));
    }

    @Test
    void aPackageResignedWithAnotherKeyFailsAgainstThePinnedKey() throws Exception {
        PackageFixture f = PackageFixture.standard();
        PackageFixture forger = PackageFixture.standard();
        // the forger ships its own, self-consistent package: only the pinned key exposes it
        Result result = PackageVerifier.verify(forger.write(dir.resolve("forged.zip")), f.key.getPublic());
        assertThat(result.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo("key");
            assertThat(p.detail()).contains("not the expected key");
        });
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.kind()).isEqualTo("signature"));
    }

    @Test
    void filesMissingFromTheZipAndFilesMissingFromTheManifestAreReported() throws Exception {
        PackageFixture f = PackageFixture.standard();
        String id = f.paths.keySet().iterator().next();
        f.entries.remove(PackageVerifier.ROOT + f.paths.get(id));
        f.entries.put(PackageVerifier.ROOT + "evidence/" + id + "/smuggled.exe", new byte[] {1, 2, 3});

        List<Problem> problems = verify(f).problems();
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo("missing");
            assertThat(p.evidenceId()).isEqualTo(id);
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo("extra");
            assertThat(p.path()).isEqualTo("evidence/" + id + "/smuggled.exe");
        });
    }

    @Test
    void anAlteredInclusionProofIsFound() throws Exception {
        PackageFixture f = PackageFixture.standard();
        Map<String, Object> manifest = manifest(f);
        Map<String, Object> item = item(manifest, 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> proof = (Map<String, Object>) item.get("inclusionProof");
        @SuppressWarnings("unchecked")
        List<Object> path = (List<Object>) proof.get("path");
        path.set(0, "00".repeat(32));
        f.put(PackageVerifier.MANIFEST, CanonicalJson.encode(manifest));

        assertThat(verify(f).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("proof");
            assertThat(p.evidenceId()).isEqualTo(item.get("evidenceId"));
        });
    }

    @Test
    void aLinkTheLedgerDoesNotShowIsReported() throws Exception {
        PackageFixture f = PackageFixture.standard();
        Map<String, Object> manifest = manifest(f);
        Map<String, Object> item = item(manifest, 0);
        item.put("links", List.of(Map.of("type", "control", "id", "018f0000-0000-7000-8000-00000000c099", "ref", "AC-99")));
        f.put(PackageVerifier.MANIFEST, CanonicalJson.encode(manifest));

        assertThat(verify(f).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("link");
            assertThat(p.detail()).contains("AC-99");
        });
    }

    @Test
    void aPathLeavingTheEvidenceFolderIsRefused() throws Exception {
        PackageFixture f = PackageFixture.standard();
        Map<String, Object> manifest = manifest(f);
        Map<String, Object> item = item(manifest, 0);
        item.put("path", "evidence/../manifest.json");
        f.put(PackageVerifier.MANIFEST, CanonicalJson.encode(manifest));

        List<Problem> problems = verify(f).problems();
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo("metadata");
            assertThat(p.evidenceId()).isEqualTo(item.get("evidenceId"));
            assertThat(p.detail()).contains("not a file under evidence/");
        });
    }

    @Test
    void aFileThatIsNoPackageIsUnreadable() throws IOException {
        Path notZip = Files.writeString(dir.resolve("x.zip"), "hello", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PackageVerifier.verify(notZip, null))
                .isInstanceOf(PackageVerifier.UnreadablePackageException.class).hasMessageContaining("not a zip");

        PackageFixture f = PackageFixture.standard();
        f.entries.remove(PackageVerifier.MANIFEST);
        Path noManifest = f.write(dir.resolve("no-manifest.zip"));
        assertThatThrownBy(() -> PackageVerifier.verify(noManifest, null))
                .isInstanceOf(PackageVerifier.UnreadablePackageException.class).hasMessageContaining("manifest.json is missing");
    }

    private Result verify(PackageFixture f) throws Exception {
        return PackageVerifier.verify(f.write(Files.createTempFile(dir, "package", ".zip")), null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) {
        return (Map<String, Object>) Json.parse(text);
    }

    static Map<String, Object> manifest(PackageFixture f) {
        return json(f.text(PackageVerifier.MANIFEST));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> item(Map<String, Object> manifest, int index) {
        return ((List<Map<String, Object>>) manifest.get("items")).get(index);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> item) {
        return (Map<String, Object>) item.get("metadata");
    }
}
