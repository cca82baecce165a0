package dev.evident.monitoring.internal;

import dev.evident.monitoring.internal.BenchChecks.Paired;
import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmark's checks both ways over one snapshot, the engine's CEL path and the Java twins,
 * and compares them resource by resource: the outcome must be the same (Java has no reasons to compare).
 */
final class Agreement {

    /** Counts of one comparison; {@code examples} names the first few disagreements. */
    record Report(long evaluations, long mismatches, List<String> examples) {
    }

    private Agreement() {
    }

    static List<CompiledCheck> compile(CheckCompiler compiler, List<Paired> checks) {
        return checks.stream().map(p -> compiler.compile(p.definition())).toList();
    }

    /** The engine's results for every check: CheckEvaluator over the snapshot, as an evaluation run makes them. */
    static List<List<ResourceResult>> cel(List<CompiledCheck> compiled, InventorySnapshot snapshot, Instant now) {
        List<List<ResourceResult>> out = new ArrayList<>(compiled.size());
        for (CompiledCheck c : compiled) {
            out.add(CheckEvaluator.evaluate(c, c.definition().parameters(), snapshot, now, List.of()));
        }
        return out;
    }

    /** The Java twins' results; their join indexes are built once per snapshot, like the engine's. */
    static List<List<ResourceResult>> java(List<Paired> checks, InventorySnapshot snapshot, Instant now) {
        return java(checks, snapshot, now, new HashMap<>());
    }

    /** The same with join indexes kept across calls on one snapshot (as the snapshot keeps the engine's). */
    static List<List<ResourceResult>> java(List<Paired> checks, InventorySnapshot snapshot, Instant now,
                                           Map<String, Map<String, List<Map<String, Object>>>> indexes) {
        List<List<ResourceResult>> out = new ArrayList<>(checks.size());
        for (Paired p : checks) {
            out.add(JavaChecks.evaluate(p.java(), snapshot, indexes, now));
        }
        return out;
    }

    static Report compare(List<Paired> checks, List<List<ResourceResult>> cel, List<List<ResourceResult>> java) {
        long evaluations = 0;
        long mismatches = 0;
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            List<ResourceResult> a = cel.get(i);
            List<ResourceResult> b = java.get(i);
            if (a.size() != b.size()) {
                throw new IllegalStateException(checks.get(i).definition().key() + ": " + a.size() + " CEL results, "
                        + b.size() + " Java results");
            }
            for (int r = 0; r < a.size(); r++) {
                evaluations++;
                if (a.get(r).outcome() != b.get(r).outcome() || !a.get(r).resourceKey().equals(b.get(r).resourceKey())) {
                    mismatches++;
                    if (examples.size() < 10) {
                        examples.add(checks.get(i).definition().key() + " " + a.get(r).resourceName() + ": CEL "
                                + a.get(r).outcome() + " (" + a.get(r).detail() + "), Java " + b.get(r).outcome());
                    }
                }
            }
        }
        return new Report(evaluations, mismatches, examples);
    }
}
