package dev.evident.verifier;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.evident.verifier.ChainFixtures.validChain;
import static org.assertj.core.api.Assertions.assertThat;

class HashChainTest {

    @Test
    void linkHashesPreviousHashNewlineAndCanonicalContent() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("b", 1);
        content.put("a", "x");

        assertThat(HashChain.link(HashChain.GENESIS, content))
                .isEqualTo(Hashes.sha256Hex(HashChain.GENESIS + "\n{\"a\":\"x\",\"b\":1}"));
    }

    @Test
    void genesisIsSixtyFourZeros() {
        assertThat(HashChain.GENESIS).hasSize(64).matches("0+");
    }

    @Test
    void intactChainIsValidWithItsLastHashAsHead() {
        List<ChainLink> chain = validChain(5);

        ChainVerification result = HashChain.verify(chain);

        assertThat(result.valid()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(5);
        assertThat(result.headHash()).isEqualTo(chain.get(4).hash());
        assertThat(result.firstProblem()).isNull();
    }

    @Test
    void emptyChainIsValidWithGenesisHead() {
        ChainVerification result = HashChain.verify(List.of());

        assertThat(result).isEqualTo(new ChainVerification(true, 0, HashChain.GENESIS, null));
    }

    @Test
    void editedContentIsReportedAsHashMismatch() {
        List<ChainLink> chain = new ArrayList<>(validChain(5));
        Map<String, Object> edited = new LinkedHashMap<>(chain.get(2).content());
        edited.put("actor", "mallory");
        chain.set(2, ChainFixtures.withContent(chain.get(2), edited));

        ChainVerification result = HashChain.verify(chain);

        assertThat(result.valid()).isFalse();
        assertThat(result.entriesChecked()).isEqualTo(2);
        assertThat(result.headHash()).isEqualTo(chain.get(1).hash());
        assertThat(result.firstProblem().seq()).isEqualTo(3);
        assertThat(result.firstProblem().id()).isEqualTo("entry-3");
        assertThat(result.firstProblem().reason())
                .startsWith("hash mismatch: stored " + chain.get(2).hash().substring(0, 12) + "...")
                .contains(", recomputed ");
    }

    @Test
    void rewrittenHashIsCaughtByTheNextEntrysLink() {
        // An attacker who edits entry 3 and recomputes its hash still breaks entry 4's link.
        List<ChainLink> chain = new ArrayList<>(validChain(5));
        Map<String, Object> edited = new LinkedHashMap<>(chain.get(2).content());
        edited.put("actor", "mallory");
        String forged = HashChain.link(chain.get(2).prevHash(), edited);
        chain.set(2, new ChainLink(3, "entry-3", chain.get(2).prevHash(), forged, edited));

        ChainVerification result = HashChain.verify(chain);

        assertThat(result.entriesChecked()).isEqualTo(3);
        assertThat(result.firstProblem().seq()).isEqualTo(4);
        assertThat(result.firstProblem().reason()).startsWith("previous-hash link broken: expected "
                + forged.substring(0, 12) + "..., found " + chain.get(3).prevHash().substring(0, 12));
    }

    @Test
    void tamperedStoredHashIsReportedAsHashMismatch() {
        List<ChainLink> chain = new ArrayList<>(validChain(3));
        chain.set(0, ChainFixtures.withHash(chain.get(0), "f".repeat(64)));

        ChainVerification result = HashChain.verify(chain);

        assertThat(result.entriesChecked()).isZero();
        assertThat(result.headHash()).isEqualTo(HashChain.GENESIS);
        assertThat(result.firstProblem().reason()).startsWith("hash mismatch: stored ffffffffffff...");
    }

    @Test
    void deletedEntryIsReportedAsSequenceGap() {
        List<ChainLink> chain = new ArrayList<>(validChain(8));
        chain.remove(5); // seq 6

        ChainVerification result = HashChain.verify(chain);

        assertThat(result.entriesChecked()).isEqualTo(5);
        assertThat(result.firstProblem().seq()).isEqualTo(7);
        assertThat(result.firstProblem().reason()).isEqualTo("sequence gap: expected 6, found 7");
    }

    @Test
    void reorderedEntriesAreReported() {
        List<ChainLink> chain = new ArrayList<>(validChain(4));
        Collections.swap(chain, 1, 2);

        ChainVerification result = HashChain.verify(chain);

        assertThat(result.entriesChecked()).isEqualTo(1);
        assertThat(result.firstProblem().reason()).isEqualTo("sequence gap: expected 2, found 3");
    }

    @Test
    void renumberedEntriesAfterADeletionStillBreakTheLink() {
        List<ChainLink> chain = new ArrayList<>(validChain(4));
        ChainLink third = chain.get(2);
        chain.remove(1);
        chain.set(1, new ChainLink(2, third.id(), third.prevHash(), third.hash(), third.content()));

        ChainVerification result = HashChain.verify(chain);

        assertThat(result.firstProblem().seq()).isEqualTo(2);
        assertThat(result.firstProblem().reason()).startsWith("previous-hash link broken");
    }

    @Test
    void duplicatedEntryIsReportedAsOutOfOrder() {
        List<ChainLink> chain = new ArrayList<>(validChain(3));
        chain.add(2, chain.get(1));

        ChainVerification result = HashChain.verify(chain);

        assertThat(result.firstProblem().reason()).isEqualTo("sequence out of order: expected 3, found 2");
    }

    @Test
    void chainMustStartFromGenesis() {
        List<ChainLink> tail = validChain(4).subList(1, 4);
        List<ChainLink> renumbered = new ArrayList<>();
        for (ChainLink link : tail) {
            renumbered.add(new ChainLink(link.seq() - 1, link.id(), link.prevHash(), link.hash(), link.content()));
        }

        ChainVerification result = HashChain.verify(renumbered);

        assertThat(result.firstProblem().seq()).isEqualTo(1);
        assertThat(result.firstProblem().reason()).startsWith("previous-hash link broken: expected 000000000000...");
    }

    @Test
    void missingFieldsAreProblemsNotCrashes() {
        ChainLink noHashes = new ChainLink(1, "x", null, null, Map.of());

        ChainVerification result = HashChain.verify(List.of(noHashes));

        assertThat(result.firstProblem().reason()).isEqualTo(
                "previous-hash link broken: expected 000000000000..., found (none)");
    }

    @Test
    void uncanonicalizableContentIsAProblem() {
        Map<String, Object> content = Map.of("ratio", 0.5d);
        ChainLink link = new ChainLink(1, "x", HashChain.GENESIS, "0".repeat(64), content);

        ChainVerification result = HashChain.verify(List.of(link));

        assertThat(result.firstProblem().reason()).startsWith("content cannot be canonicalized").contains("$.ratio");
    }
}
