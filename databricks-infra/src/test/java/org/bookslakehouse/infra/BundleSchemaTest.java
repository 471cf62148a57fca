package org.bookslakehouse.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the bundle against the Databricks CLI's own JSON schema for {@code databricks.yml} and the
 * files it includes ({@code bundle/schema/jsonschema.json} of github.com/databricks/cli, kept in
 * {@code ../shared/databricks/} beside the checkout; its README names the commit): every file as
 * written, and every target as the CLI merges it. The CLI's rules beyond the schema (references in
 * values only, compute for every task) are {@link BundleTest}'s.
 *
 * <p>A clone without {@code ../shared} skips these checks, saying so; CI always has the schema, and
 * there its absence fails. {@code -Dbooks.bundle.schema=FILE} points at another copy.
 */
class BundleSchemaTest {
  private static final Path DIR =
      Path.of(System.getProperty("books.infra.dir", ".")).toAbsolutePath();

  /** The schema, or null where it is missing (then {@link #missing} says so). */
  private static Schema schema;

  private static String missing;

  private final Bundle bundle = Bundle.load(DIR);

  @BeforeAll
  static void loadSchema() throws IOException {
    Path file = schemaFile();
    if (!Files.exists(file)) {
      missing =
          "The Databricks CLI's bundle schema is missing: "
              + file
              + " (bundle/schema/jsonschema.json of github.com/databricks/cli, kept in"
              + " ../shared/databricks/ beside the checkout; see its README). The bundle is not"
              + " checked against it; BundleTest's checks still run.";
      if (System.getenv("CI") != null) {
        throw new AssertionError("CI must have it. " + missing);
      }
      return;
    }
    // Note: the file declares no $schema; it uses $defs and is evaluated as 2020-12. Its patterns
    // use \p{L} and \p{N}, which java.util.regex (the validator's default engine) understands.
    // Its own keywords (markdownDescription, deprecationMessage, doNotSuggest, ...) are hints for
    // editors, and it nests $defs in folders (github.com/databricks/...): none of them validates.
    Dialect dialect =
        Dialect.builder(Dialects.getDraft202012())
            .unknownKeywordFactory((name, context) -> new NonValidationKeyword(name))
            .build();
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect);
    schema = registry.getSchema(new ObjectMapper().readTree(file.toFile()));
  }

  /** Each check is reported as skipped, with the reason, where the schema is missing. */
  @BeforeEach
  void needsTheSchema() {
    assumeTrue(schema != null, missing);
  }

  private static Path schemaFile() {
    String property = System.getProperty("books.bundle.schema");
    return property != null
        ? Path.of(property)
        : DIR.resolve("../../shared/databricks/bundle-schema.json").normalize();
  }

  @Test
  void everyFileAsWrittenFollowsTheSchema() {
    for (Map.Entry<Path, JsonNode> file : bundle.files.entrySet()) {
      assertThat(messages(file.getValue())).as("%s", file.getKey()).isEmpty();
    }
  }

  @Test
  void everyTargetAsMergedFollowsTheSchema() {
    assertThat(bundle.targets()).isNotEmpty();
    for (String target : bundle.targets()) {
      assertThat(messages(bundle.target(target))).as("target %s", target).isEmpty();
    }
  }

  @Test
  void theSchemaCatchesWhatTheCliRejects() {
    ObjectNode job =
        (ObjectNode) bundle.target("dev").path("resources").path("jobs").elements().next();
    ObjectNode task = (ObjectNode) job.path("tasks").get(0);

    // a reference is accepted where a number belongs: \p{L} in the schema's pattern works
    task.put("max_retries", "${var.retries}");
    assertThat(messages(wrap(job))).isEmpty();

    task.put("max_retries", "three");
    assertThat(messages(wrap(job))).anyMatch(m -> m.contains("max_retries"));

    task.put("max_retries", 1);
    task.set("depend_on", task.path("depends_on"));
    assertThat(messages(wrap(job))).anyMatch(m -> m.contains("depend_on"));
  }

  private static JsonNode wrap(ObjectNode job) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.withObject("/bundle").put("name", "probe");
    root.withObject("/resources/jobs").set("probe", job);
    return root;
  }

  private static List<String> messages(JsonNode config) {
    return schema.validate(config).stream().map(Error::toString).toList();
  }
}
