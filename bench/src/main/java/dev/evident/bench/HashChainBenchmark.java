package dev.evident.bench;

import dev.evident.verifier.CanonicalJson;
import dev.evident.verifier.ChainLink;
import dev.evident.verifier.ChainVerification;
import dev.evident.verifier.HashChain;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of the audit-log hash chain: linking one entry (done on every audited change, inside its
 * transaction) and verifying a 10,000-entry chain (done by the export verifier and the integrity check).
 * {@code canonicalJson} isolates the encoding part of {@code link}; the rest is SHA-256 and hex.
 *
 * <p>Run: {@code java -jar bench/target/evident-bench.jar HashChainBenchmark -wi 2 -i 3 -f 1}.
 */
@State(Scope.Benchmark)
public class HashChainBenchmark {

    static final int CHAIN_SIZE = 10_000;

    private Map<String, Object> entry;
    private String prevHash;
    private List<ChainLink> chain;

    @Setup(Level.Trial)
    public void setUp() {
        entry = AuditChainFixtures.content(4_217);
        prevHash = HashChain.link(HashChain.GENESIS, AuditChainFixtures.content(4_216));
        chain = AuditChainFixtures.chain(CHAIN_SIZE);
        ChainVerification check = HashChain.verify(chain);
        if (!check.valid() || check.entriesChecked() != CHAIN_SIZE) {
            throw new IllegalStateException("benchmark chain does not verify: " + check.firstProblem());
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String link() {
        return HashChain.link(prevHash, entry);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String canonicalJson() {
        return CanonicalJson.encode(entry);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ChainVerification verify10k() {
        return HashChain.verify(chain);
    }
}
