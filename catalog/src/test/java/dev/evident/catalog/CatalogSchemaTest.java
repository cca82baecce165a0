package dev.evident.catalog;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every YAML document shipped under catalog/ must match the JSON Schema for its folder, so a bad
 * data file fails the build. The schemas are shipped too, for tools and editors.
 */
class CatalogSchemaTest {

    /** Which schema governs the documents of each folder under catalog/. */
    private static final Map<String, String> SCHEMA_BY_FOLDER = Map.of(
            "frameworks", "framework.schema.json",
            "controls", "control-library.schema.json");

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @MethodSource("shippedDocuments")
    void everyShippedDocumentMatchesTheSchemaOfItsFolder(String resource) {
        String folder = resource.split("/")[1];
        assertThat(SCHEMA_BY_FOLDER).as("no schema is assigned to the folder of " + resource).containsKey(folder);

        assertThat(errors(SCHEMA_BY_FOLDER.get(folder), resource)).as(resource).isEmpty();
    }

    @Test
    void theIndexedFrameworksAndTheBuiltInLibraryAreAmongTheCheckedDocuments() {
        List<String> checked = shippedDocuments().toList();

        assertThat(checked).contains("catalog/frameworks/soc2-2017.yaml", "catalog/frameworks/dc-200.yaml",
                ControlLibrary.BUILT_IN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"framework.schema.json", "control-library.schema.json"})
    void schemasAreValidDraft202012(String schema) {
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

        assertThat(metaSchema.validate(json(yamlOrJson("catalog/schema/" + schema)))).as(schema).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing-name.yaml", "unknown-field.yaml", "unquoted-number.yaml", "no-text.yaml",
            "not-a-mapping.yaml", "missing-requirement-id.yaml"})
    void frameworkSchemaRejectsStructurallyBrokenDocuments(String name) {
        assertThat(errors("framework.schema.json", "malformed/" + name)).as(name).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad-enum.yaml", "bad-test-method.yaml", "missing-field.yaml", "empty-evidence.yaml",
            "bad-id.yaml"})
    void librarySchemaRejectsStructurallyBrokenDocuments(String name) {
        assertThat(errors("control-library.schema.json", "library/" + name)).as(name).isNotEmpty();
    }

    @Test
    void librarySchemaAcceptsAValidFixtureAndNamesTheBadField() {
        assertThat(errors("control-library.schema.json", "library/valid.yaml")).isEmpty();
        assertThat(errors("control-library.schema.json", "library/bad-enum.yaml"))
                .singleElement().satisfies(error -> assertThat(error).startsWith("/controls/1/type:"));
    }

    @Test
    void domainsDeclaredByTheLibraryAreExactlyTheSchemasFixedList() {
        JsonNode domainEnum = json(yamlOrJson("catalog/schema/control-library.schema.json"))
                .path("$defs").path("domainId").path("enum");
        List<String> schemaDomains = domainEnum.valueStream().map(JsonNode::asString).toList();

        assertThat(ControlLibrary.loadBuiltIn().domains()).extracting(ControlDomain::id)
                .containsExactlyElementsOf(schemaDomains);
    }

    static Stream<String> shippedDocuments() {
        try {
            Path catalog = Path.of(CatalogSchemaTest.class.getClassLoader().getResource("catalog").toURI());
            try (Stream<Path> files = Files.walk(catalog)) {
                return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                        .map(f -> "catalog/" + catalog.relativize(f).toString().replace('\\', '/'))
                        .sorted().toList().stream();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Schema errors as "/path: message", empty when the document is valid. */
    private static List<String> errors(String schemaName, String documentResource) {
        Schema schema = REGISTRY.getSchema(json(yamlOrJson("catalog/schema/" + schemaName)));
        return schema.validate(json(yamlOrJson(documentResource))).stream().map(Error::toString).toList();
    }

    /** JSON is YAML, so one safe YAML parse reads both the schemas and the documents into plain values. */
    private static Object yamlOrJson(String resource) {
        try (InputStream in = CatalogSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }
}
