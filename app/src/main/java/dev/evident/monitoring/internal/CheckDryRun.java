package dev.evident.monitoring.internal;

import dev.evident.monitoring.internal.CheckApi.DryRunInput;
import dev.evident.monitoring.internal.CheckApi.DryRunView;
import dev.evident.monitoring.internal.CheckApi.ResultView;
import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import dev.evident.shared.Timestamps;
import dev.evident.shared.problem.InvalidInputException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Compiles an expression and evaluates it against the current inventory without saving anything (API and editor). */
@Component
class CheckDryRun {

    static final int MAX_RESULTS = 1000;

    private final CheckEvaluation evaluation;
    private final CheckCompiler compiler;
    private final Clock clock;

    CheckDryRun(CheckEvaluation evaluation, CheckCompiler compiler, Clock clock) {
        this.evaluation = evaluation;
        this.compiler = compiler;
        this.clock = clock;
    }

    /** Throws InvalidInputException with the compile errors (field, line, column), or returns the outcomes. */
    DryRunView run(UUID orgId, DryRunInput input) {
        if (input == null) {
            throw new InvalidInputException("body", "is required: resourceType and expression");
        }
        CheckDefinition d = new CheckDefinition("dry-run", "Dry run", null, input.resourceType(), input.expression(),
                CheckDefinition.Severity.LOW, List.of(), null, input.parameters(), input.joins());
        CompiledCheck compiled = CheckRules.validate(d, key -> true, compiler);
        InventorySnapshot snapshot = new InventorySnapshot(evaluation.inventory(), orgId);
        List<ResourceResult> evaluated = CheckEvaluator.evaluate(compiled, d.parameters(), snapshot, Timestamps.now(clock),
                snapshot.failures(null));
        Map<String, Integer> counts = CheckApi.counts(evaluated.stream().map(ResourceResult::outcome).toList());
        List<ResultView> shown = evaluated.stream().limit(MAX_RESULTS).map(r -> new ResultView(r.resourceType(),
                r.resourceKey(), r.resourceName(), r.outcome().id(), r.detail())).toList();
        return new DryRunView(d.resourceType(), evaluated.size(), counts, shown, evaluated.size() > shown.size());
    }
}
