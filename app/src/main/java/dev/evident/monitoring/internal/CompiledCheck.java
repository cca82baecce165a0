package dev.evident.monitoring.internal;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Map;

/** A check definition turned into CEL programs, ready to evaluate resource after resource. */
public final class CompiledCheck {

    /** How one join is made; the key programs are null for joins on person or all. */
    record JoinPlan(CheckJoin join, CelRuntime.Program key, CelRuntime.Program resourceKey) {
    }

    /** The outcome of the expression for one resource, with the reason when it did not pass. */
    public record Verdict(Outcome outcome, String detail) {
    }

    private final CheckDefinition definition;
    private final CelRuntime.Program program;
    private final List<JoinPlan> joins;

    CompiledCheck(CheckDefinition definition, CelRuntime.Program program, List<JoinPlan> joins) {
        this.definition = definition;
        this.program = program;
        this.joins = List.copyOf(joins);
    }

    public CheckDefinition definition() {
        return definition;
    }

    List<JoinPlan> joins() {
        return joins;
    }

    /** Runs the expression; any evaluation problem is an ERROR verdict, never pass or fail. */
    Verdict evaluate(Map<String, Object> variables) {
        Object result;
        try {
            result = program.eval(variables);
        } catch (CelEvaluationException e) {
            return new Verdict(Outcome.ERROR, message(e));
        } catch (RuntimeException e) {
            return new Verdict(Outcome.ERROR, "evaluation failed: " + e.getMessage());
        }
        return verdict(result);
    }

    static Verdict verdict(Object result) {
        if (result instanceof Boolean pass) {
            return pass ? new Verdict(Outcome.PASS, null) : new Verdict(Outcome.FAIL, null);
        }
        if (result instanceof String reason) {
            return reason.isEmpty() ? new Verdict(Outcome.PASS, null) : new Verdict(Outcome.FAIL, reason);
        }
        if (result instanceof Map<?, ?> map) {
            Object pass = map.get("pass");
            Object reason = map.get("reason");
            if (!(pass instanceof Boolean p)) {
                return new Verdict(Outcome.ERROR, "the expression returned a map without a bool 'pass'");
            }
            String why = reason == null || reason instanceof NullValue ? null : String.valueOf(reason);
            return new Verdict(p ? Outcome.PASS : Outcome.FAIL, why == null || why.isEmpty() ? null : why);
        }
        return new Verdict(Outcome.ERROR, "the expression returned " + (result == null ? "null" : describe(result))
                + "; expected a bool, a string or a map {pass, reason}");
    }

    /** Evaluates a join key program; null when the key is null or cannot be computed. */
    static String key(CelRuntime.Program program, Map<String, Object> resource) {
        try {
            Object key = program.eval(Map.of("resource", resource));
            return key == null || key instanceof NullValue ? null : String.valueOf(key);
        } catch (CelEvaluationException | RuntimeException e) {
            return null;
        }
    }

    static String message(CelEvaluationException e) {
        String m = e.getMessage() == null ? "evaluation error" : e.getMessage();
        return m.replace("evaluation error at <input>:", "evaluation error at offset ");
    }

    private static String describe(Object value) {
        return value instanceof Number ? "a number" : value instanceof List<?> ? "a list" : value.getClass().getSimpleName();
    }
}
