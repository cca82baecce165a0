package dev.evident.monitoring.internal;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.problem.ProblemException.Location;
import dev.evident.verifier.CanonicalJson;
import dev.evident.verifier.Hashes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Compiles check definitions into CEL programs, once per distinct definition: the cache is keyed by
 * the digest of what the program depends on (resource type, expression, joins), so every saved
 * version compiles once and the dry run of an unchanged expression is free.
 *
 * <p>Cost is bounded: expressions are at most {@value #MAX_EXPRESSION} characters, macros such as
 * {@code all} and {@code exists} stop after {@value #MAX_ITERATIONS} iterations with an error, and
 * there are no loops otherwise.
 */
@Component
public class CheckCompiler {

    public static final int MAX_EXPRESSION = 4000;
    public static final int MAX_ITERATIONS = 100_000;
    private static final int CACHE_SIZE = 2000;
    static final Set<String> RESERVED = Set.of("resource", "now", "params");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,39}");
    private static final CelType RESOURCE = MapType.create(SimpleType.STRING, SimpleType.DYN);

    private final Map<String, CompiledCheck> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompiledCheck> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    /** Compiles or returns the cached program; bad input throws with every problem and its position. */
    public CompiledCheck compile(CheckDefinition definition) {
        String digest = digest(definition);
        CompiledCheck cached = cache.get(digest);
        if (cached != null) {
            return cached;
        }
        CompiledCheck compiled = doCompile(definition);
        cache.put(digest, compiled);
        return compiled;
    }

    private CompiledCheck doCompile(CheckDefinition d) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < d.joins().size(); i++) {
            CheckJoin j = d.joins().get(i);
            String at = "joins[" + i + "]";
            if (j.as() == null || !IDENTIFIER.matcher(j.as()).matches()) {
                errors.add(new FieldError(at + ".as", "must be a name of letters, digits and _ starting with a letter "
                        + "(the variable the expression reads)"));
            } else if (RESERVED.contains(j.as()) || !names.add(j.as())) {
                errors.add(new FieldError(at + ".as", "'" + j.as() + "' is taken; use a name other than resource, now, "
                        + "params and the other joins"));
            }
            if (j.type() == null || j.type().isBlank()) {
                errors.add(new FieldError(at + ".type", "is required: the resource type to join"));
            }
            if (j.byExpression()) {
                if (blank(j.key()) || blank(j.resourceKey())) {
                    errors.add(new FieldError(at, "needs on (person or all), or both key and resourceKey expressions"));
                }
            } else if (!j.byPerson() && !j.onAll()) {
                errors.add(new FieldError(at + ".on", "must be person or all, or be left out in favour of key and resourceKey"));
            }
        }
        if (blank(d.expression())) {
            errors.add(new FieldError("expression", "is required"));
        } else if (d.expression().length() > MAX_EXPRESSION) {
            errors.add(new FieldError("expression", "is " + d.expression().length() + " characters; at most "
                    + MAX_EXPRESSION + " are allowed"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Cel main = cel(d.joins().stream().map(CheckJoin::as).toList());
        Map<String, String> types = new java.util.HashMap<>();
        types.put("resource", d.resourceType());
        d.joins().forEach(j -> types.put(j.as(), j.type()));
        Set<String> lists = new HashSet<>(names);
        CelRuntime.Program program = program(main, d.expression(), "expression", true, types, lists, errors);
        List<CompiledCheck.JoinPlan> joins = new ArrayList<>();
        Cel keys = cel(List.of());
        for (int i = 0; i < d.joins().size(); i++) {
            CheckJoin j = d.joins().get(i);
            CelRuntime.Program key = null;
            CelRuntime.Program resourceKey = null;
            if (j.byExpression()) {
                key = program(keys, j.key(), "joins[" + i + "].key", false, Map.of("resource", String.valueOf(j.type())),
                        Set.of(), errors);
                resourceKey = program(keys, j.resourceKey(), "joins[" + i + "].resourceKey", false,
                        Map.of("resource", String.valueOf(d.resourceType())), Set.of(), errors);
            }
            joins.add(new CompiledCheck.JoinPlan(j, key, resourceKey));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new CompiledCheck(d, program, joins);
    }

    private static CelRuntime.Program program(Cel cel, String expression, String field, boolean verdict,
                                              Map<String, String> types, Set<String> lists, List<FieldError> errors) {
        CelValidationResult result = cel.compile(expression);
        if (result.hasError()) {
            for (CelIssue issue : result.getErrors()) {
                errors.add(located(field, issue));
            }
            return null;
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            CelKind kind = ast.getResultType().kind();
            boolean allowed = verdict
                    ? kind == CelKind.BOOL || kind == CelKind.STRING || kind == CelKind.MAP || kind == CelKind.DYN
                    : kind == CelKind.STRING || kind == CelKind.INT || kind == CelKind.DYN || kind == CelKind.NULL_TYPE;
            if (!allowed) {
                errors.add(new FieldError(field, "yields " + ast.getResultType().name() + "; "
                        + (verdict ? "a check must yield a bool, a string (the reason it fails, empty when it passes) "
                        + "or a map {pass: bool, reason: string}" : "a join key must yield a string"),
                        new Location(field, 1, 1)));
                return null;
            }
            int before = errors.size();
            AttributeNames.check(ast, types, lists, field, errors);
            return errors.size() > before ? null : cel.createProgram(ast);
        } catch (CelValidationException e) {
            e.getErrors().forEach(issue -> errors.add(located(field, issue)));
            return null;
        } catch (dev.cel.runtime.CelEvaluationException e) {
            errors.add(new FieldError(field, "cannot be prepared: " + e.getMessage(), new Location(field, 1, 1)));
            return null;
        }
    }

    /** CEL reports 1-based lines and 0-based columns; problems use 1-based columns. */
    private static FieldError located(String field, CelIssue issue) {
        int line = Math.max(1, issue.getSourceLocation().getLine());
        int column = Math.max(0, issue.getSourceLocation().getColumn()) + 1;
        return new FieldError(field, "line " + line + ", column " + column + ": " + issue.getMessage(),
                new Location(field, line, column));
    }

    private static Cel cel(List<String> joinNames) {
        var builder = CelFactory.standardCelBuilder()
                .setOptions(CelOptions.current()
                        .maxExpressionCodePointSize(MAX_EXPRESSION)
                        .comprehensionMaxIterations(MAX_ITERATIONS)
                        .enableHeterogeneousNumericComparisons(true)
                        .enableTimestampEpoch(true)
                        .build())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.lists())
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.lists())
                .addVar("resource", RESOURCE)
                .addVar("now", SimpleType.TIMESTAMP)
                .addVar("params", MapType.create(SimpleType.STRING, SimpleType.DYN))
                .addFunctionDeclarations(
                        CelFunctionDecl.newFunctionDeclaration("date",
                                CelOverloadDecl.newGlobalOverload("date_string", SimpleType.TIMESTAMP, SimpleType.STRING)),
                        CelFunctionDecl.newFunctionDeclaration("daysBetween",
                                CelOverloadDecl.newGlobalOverload("days_between_timestamp_timestamp", SimpleType.INT,
                                        SimpleType.TIMESTAMP, SimpleType.TIMESTAMP)))
                .addFunctionBindings(
                        CelFunctionBinding.from("date_string", String.class, CheckCompiler::date),
                        CelFunctionBinding.from("days_between_timestamp_timestamp", Instant.class, Instant.class,
                                (from, to) -> Math.floorDiv(Duration.between(from, to).getSeconds(), 86_400L)))
                .setResultType(SimpleType.DYN);
        for (String name : joinNames) {
            builder.addVar(name, ListType.create(RESOURCE));
        }
        return builder.build();
    }

    /** {@code date('2026-03-01')} (midnight UTC) or {@code date('2026-03-01T09:30:00Z')}. */
    static Instant date(String value) {
        String v = value.trim();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date('" + value + "'): not an ISO-8601 date or date-time");
        }
    }

    static String digest(CheckDefinition d) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("resourceType", String.valueOf(d.resourceType()));
        parts.put("expression", String.valueOf(d.expression()));
        List<Object> joins = new ArrayList<>();
        for (CheckJoin j : d.joins()) {
            Map<String, Object> join = new LinkedHashMap<>();
            join.put("as", String.valueOf(j.as()));
            join.put("type", String.valueOf(j.type()));
            join.put("on", String.valueOf(j.on()));
            join.put("key", String.valueOf(j.key()));
            join.put("resourceKey", String.valueOf(j.resourceKey()));
            joins.add(join);
        }
        parts.put("joins", joins);
        return Hashes.sha256Hex(CanonicalJson.encode(parts).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
