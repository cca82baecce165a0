package dev.evident.monitoring.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.ExprKind.Kind;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.problem.ProblemException.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Catches misspelt attribute names at compile time: {@code resource.attributes.twoFactorEnable} on a
 * type whose attributes are known (monitoring/resource-types.yaml) is an error at the name's position,
 * and so is {@code m.attributes.x} where {@code m} ranges over a joined list of a known type. Types of
 * other connectors are not checked: their attributes are simply read at run time.
 */
final class AttributeNames {

    static final String RESOURCE = "monitoring/resource-types.yaml";
    private static final Map<String, Set<String>> KNOWN = load();

    private AttributeNames() {
    }

    /** The resource types whose attributes are known. */
    static Set<String> types() {
        return KNOWN.keySet();
    }

    static Set<String> known(String type) {
        return KNOWN.get(type);
    }

    /**
     * @param variables which resource type each variable holds: "resource" a single resource, a join
     *                  name a list of them
     */
    static void check(CelAbstractSyntaxTree ast, Map<String, String> variables, Set<String> lists, String field,
                      List<FieldError> errors) {
        CelNavigableAst.fromAst(ast).getRoot().allNodes().forEach(node -> {
            CelExpr e = node.expr();
            if (e.exprKind().getKind() != Kind.SELECT) {
                return;
            }
            CelExpr operand = e.select().operand();
            if (operand.exprKind().getKind() != Kind.SELECT || !operand.select().field().equals("attributes")) {
                return;
            }
            CelExpr holder = operand.select().operand();
            if (holder.exprKind().getKind() != Kind.IDENT) {
                return;
            }
            String name = holder.ident().name();
            String type = name.equals("resource") ? variables.get("resource") : rangeType(node, name, variables, lists);
            Set<String> known = type == null ? null : KNOWN.get(type);
            String attribute = e.select().field();
            if (known != null && !known.contains(attribute)) {
                CelSourceLocation at = location(ast, e.id());
                int line = Math.max(1, at.getLine());
                int column = Math.max(0, at.getColumn()) + 1;
                errors.add(new FieldError(field, "line " + line + ", column " + column + ": " + type
                        + " has no attribute '" + attribute + "'; it has " + String.join(", ", known),
                        new Location(field, line, column)));
            }
        });
    }

    /**
     * The type of the joined list that the comprehension variable {@code name} visible at {@code node}
     * ranges over: the nearest enclosing comprehension declaring it decides, so the same variable name
     * reused in comprehensions over different joins (or over a plain list) is checked against each
     * one's own type. Null when it ranges over anything but a join of a known type.
     */
    private static String rangeType(CelNavigableExpr node, String name, Map<String, String> variables, Set<String> lists) {
        for (CelNavigableExpr at = node.parent().orElse(null); at != null; at = at.parent().orElse(null)) {
            CelExpr e = at.expr();
            if (e.exprKind().getKind() == Kind.COMPREHENSION && e.comprehension().iterVar().equals(name)) {
                CelExpr range = e.comprehension().iterRange();
                return range.exprKind().getKind() == Kind.IDENT && lists.contains(range.ident().name())
                        ? variables.get(range.ident().name()) : null;
            }
        }
        return null;
    }

    private static CelSourceLocation location(CelAbstractSyntaxTree ast, long id) {
        Integer offset = ast.getSource().getPositionsMap().get(id);
        return offset == null ? CelSourceLocation.of(1, 0)
                : ast.getSource().getOffsetLocation(offset).orElse(CelSourceLocation.of(1, 0));
    }

    private static Map<String, Set<String>> load() {
        InputStream in = AttributeNames.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is not on the class path");
        }
        try (InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            Map<String, Set<String>> out = new HashMap<>();
            ((Map<?, ?>) doc).forEach((type, names) -> {
                Set<String> set = new LinkedHashSet<>();
                ((List<?>) names).forEach(n -> set.add(String.valueOf(n)));
                out.put(String.valueOf(type), set);
            });
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
