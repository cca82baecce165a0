package dev.evident.monitoring.internal;

import dev.evident.integration.Inventory;
import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import dev.evident.monitoring.internal.CheckService.CheckState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * The evaluation half of the sync benchmark (dev.evident.integration.internal.SyncBenchmark), on the
 * running application's beans: the after-sync evaluation task as a scheduled sync triggers it, and
 * then every built-in check timed step by step as ChecksBenchmark times its 60 checks (load the
 * checks and inventory, compile, evaluate, record the intervals).
 */
public final class SyncBenchEvaluation {

    /** One timed evaluation of every enabled built-in check. */
    public record Figures(int checks, long evaluations, double load, double compile, double evaluate, double store,
                          int changes, Map<String, Long> outcomes, List<String> errors) {

        public double total() {
            return load + compile + evaluate;
        }
    }

    private SyncBenchEvaluation() {
    }

    /** Copies the built-in library into the organization, as its first evaluation or page view does. */
    public static int seed(ApplicationContext context, UUID orgId) {
        return context.getBean(CheckService.class).list(orgId).size();
    }

    /**
     * What the evaluation task does after a sync of each connection (EvaluationTasks): the checks that
     * read a synced type, evaluated and recorded, with the evidence records. Seconds per connection.
     */
    public static double afterSync(ApplicationContext context, UUID orgId, UUID connectionId) {
        long start = System.nanoTime();
        context.getBean(EvaluationTasks.class).evaluatePending(orgId, connectionId);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Every enabled built-in check over the organization's inventory, timed step by step. */
    public static Figures allBuiltIn(ApplicationContext context, UUID orgId, Instant now) {
        long t0 = System.nanoTime();
        List<CheckState> states = context.getBean(CheckService.class).list(orgId).stream()
                .filter(s -> s.row().builtIn() && s.row().enabled()).toList();
        InventorySnapshot snapshot = new InventorySnapshot(context.getBean(Inventory.class), orgId);
        Set<String> types = new LinkedHashSet<>();
        states.forEach(s -> types.addAll(s.definition().typesRead()));
        types.forEach(snapshot::resources);
        long t1 = System.nanoTime();
        // A fresh compiler: the application keeps compiled programs, so this is the cold case.
        CheckCompiler compiler = new CheckCompiler();
        List<CompiledCheck> compiled = states.stream().map(s -> compiler.compile(s.definition())).toList();
        long t2 = System.nanoTime();
        List<List<ResourceResult>> results = Agreement.cel(compiled, snapshot, now);
        long t3 = System.nanoTime();
        CheckEvaluation evaluation = context.getBean(CheckEvaluation.class);
        int changes = 0;
        for (int i = 0; i < states.size(); i++) {
            changes += evaluation.record(orgId, states.get(i), results.get(i), List.of(), now, true);
        }
        long t4 = System.nanoTime();
        Map<String, Long> outcomes = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        long evaluations = 0;
        for (int i = 0; i < results.size(); i++) {
            for (ResourceResult r : results.get(i)) {
                evaluations++;
                outcomes.merge(r.outcome().id(), 1L, Long::sum);
                if (r.outcome() == Outcome.ERROR && errors.size() < 5) {
                    errors.add(states.get(i).row().key() + " on " + r.resourceKey() + ": " + r.detail());
                }
            }
        }
        return new Figures(states.size(), evaluations, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                (t4 - t3) / 1e9, changes, outcomes, errors);
    }
}
