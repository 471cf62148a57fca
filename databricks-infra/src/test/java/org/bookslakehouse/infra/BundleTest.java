package org.bookslakehouse.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.databricks.sdk.service.compute.ClusterSpec;
import com.databricks.sdk.service.compute.Library;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.JobCluster;
import com.databricks.sdk.service.jobs.SparkJarTask;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TaskDependency;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bookslakehouse.cli.DatabricksTask;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.TableRegistry;
import org.bookslakehouse.pipeline.Tables;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Checks the Asset Bundle against what it deploys: the SDK's job model (so a misspelled or
 * misplaced key fails here, not at deploy time), the table registry (one task per table, the
 * lineage as the task graph), the jar Maven builds, and the rules of the job (one run at a time, no
 * schedule, a Spark 3.5 LTS runtime, secrets only from a secret scope).
 */
class BundleTest {
  private static final Path DIR =
      Path.of(System.getProperty("books.infra.dir", ".")).toAbsolutePath();
  private static final String JOB = "books_daily";
  private static final String DEFAULT_TARGET = "dev";

  /** The SDK's models are Jackson POJOs: an unknown key is an error, not silently dropped. */
  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The Databricks runtimes that are LTS and run Spark 3.5 on Scala 2.12. */
  private static final Set<String> SPARK_35_LTS =
      Set.of("14.3.x-scala2.12", "15.4.x-scala2.12", "16.4.x-scala2.12");

  /** {@code {{secrets/<scope>/<key>}}}, the scope possibly a variable. */
  private static final Pattern SECRET_REFERENCE =
      Pattern.compile("\\{\\{secrets/([^/{}$]+|\\$\\{var\\.[A-Za-z0-9_-]+})/[^/{}$]+}}");

  /** Keys whose value is a credential. */
  private static final Pattern CREDENTIAL_KEY =
      Pattern.compile(
          "(?i).*(fs\\.azure\\.account\\.key|client\\.secret|client_secret|password|token|sas).*");

  /** What a storage account key looks like: 64 bytes in Base64. */
  private static final Pattern LITERAL_ACCOUNT_KEY = Pattern.compile("[A-Za-z0-9+/]{86}==");

  private final Bundle bundle = Bundle.load(DIR);
  private final TableRegistry registry = Tables.registry();

  private CreateJob job(String target) throws IOException {
    JsonNode resolved = Bundle.resolve(bundle.job(JOB).getValue(), bundle.variables(target));
    return STRICT.treeToValue(resolved, CreateJob.class);
  }

  private List<Task> tasks() throws IOException {
    return new ArrayList<>(job(DEFAULT_TARGET).getTasks());
  }

  @Test
  void theJobIsAValidJobSpecificationInEveryTarget() throws IOException {
    for (String target : targets()) {
      JsonNode resolved = Bundle.resolve(bundle.job(JOB).getValue(), bundle.variables(target));
      // each task on its own first, so that an error names the task
      for (JsonNode task : resolved.path("tasks")) {
        assertThatCode(() -> STRICT.treeToValue(task, Task.class))
            .as("%s, task %s", target, task.path("task_key").asText())
            .doesNotThrowAnyException();
      }
      CreateJob job = job(target);
      assertThat(job.getName()).as(target).isNotBlank();
      assertThat(job.getTasks()).as(target).isNotEmpty();
    }
  }

  @Test
  void aMisspelledKeyIsCaught() {
    ObjectNode task = bundle.job(JOB).getValue().path("tasks").get(0).deepCopy();
    task.set("depend_on", task.path("depends_on"));
    task.remove("depends_on");
    assertThatThrownBy(() -> STRICT.treeToValue(task, Task.class))
        .isInstanceOf(UnrecognizedPropertyException.class)
        .hasMessageContaining("depend_on");
  }

  @Test
  void thereIsOneTaskPerTableOfTheRegistry() throws IOException {
    List<String> keys = tasks().stream().map(Task::getTaskKey).toList();
    assertThat(keys).doesNotHaveDuplicates();
    assertThat(keys).containsExactlyInAnyOrderElementsOf(registry.names());
  }

  @Test
  void theTaskGraphIsTheLineage() throws IOException {
    for (Task task : tasks()) {
      LakeTable table = registry.table(task.getTaskKey());
      Set<String> dependsOn =
          task.getDependsOn() == null
              ? Set.of()
              : task.getDependsOn().stream()
                  .map(TaskDependency::getTaskKey)
                  .collect(Collectors.toSet());
      assertThat(dependsOn).as(task.getTaskKey()).isEqualTo(new HashSet<>(table.upstreams()));
    }
  }

  @Test
  void everyTaskRunsItsTableThroughDatabricksTask() throws IOException {
    Map<String, String> vars = bundle.variables(DEFAULT_TARGET);
    for (Task task : tasks()) {
      SparkJarTask jar = task.getSparkJarTask();
      assertThat(jar).as(task.getTaskKey()).isNotNull();
      assertThat(jar.getMainClassName()).isEqualTo(DatabricksTask.class.getName());
      assertThat(jar.getParameters())
          .as(task.getTaskKey())
          .containsExactly(
              "run",
              task.getTaskKey(),
              "--landing",
              vars.get("landing"),
              "--lake",
              vars.get("lake"),
              "--database",
              vars.get("database"));
    }
  }

  @Test
  void theJobRunsOnceAtATimeAndOnlyWhenStarted() throws IOException {
    for (String target : targets()) {
      CreateJob job = job(target);
      assertThat(job.getMaxConcurrentRuns()).as(target).isEqualTo(1L);
      assertThat(job.getSchedule()).as(target).isNull();
      assertThat(job.getTrigger()).as(target).isNull();
      assertThat(job.getContinuous()).as(target).isNull();
    }
  }

  @Test
  void everyTaskRunsOnTheSharedJobClusterOfASpark35LtsRuntime() throws IOException {
    CreateJob job = job(DEFAULT_TARGET);
    assertThat(job.getJobClusters()).hasSize(1);
    JobCluster cluster = job.getJobClusters().iterator().next();
    ClusterSpec spec = cluster.getNewCluster();
    assertThat(spec.getSparkVersion()).isIn(SPARK_35_LTS);
    // the jar is Java 17 byte code; before 16.x the runtime runs Java 8 unless told otherwise
    if (!spec.getSparkVersion().startsWith("16.")) {
      assertThat(spec.getSparkEnvVars()).containsKey("JNAME");
      assertThat(spec.getSparkEnvVars().get("JNAME")).startsWith("zulu17");
    }
    for (Task task : job.getTasks()) {
      assertThat(task.getJobClusterKey())
          .as(task.getTaskKey())
          .isEqualTo(cluster.getJobClusterKey());
      assertThat(task.getNewCluster()).as(task.getTaskKey()).isNull();
      assertThat(task.getExistingClusterId()).as(task.getTaskKey()).isNull();
    }
  }

  @Test
  void credentialsComeOnlyFromTheSecretScope() {
    List<String> credentials = new ArrayList<>();
    for (Map.Entry<Path, JsonNode> file : bundle.files.entrySet()) {
      Bundle.visitFields(
          file.getValue(),
          (key, value) -> {
            if (CREDENTIAL_KEY.matcher(key).matches()) {
              credentials.add(key);
              assertThat(value.asText())
                  .as("%s in %s", key, file.getKey().getFileName())
                  .matches(SECRET_REFERENCE);
            }
          });
      assertThat(Bundle.strings(file.getValue()))
          .as("a literal account key in %s", file.getKey().getFileName())
          .noneMatch(s -> LITERAL_ACCOUNT_KEY.matcher(s).find());
    }
    assertThat(credentials).isNotEmpty();
  }

  @Test
  void theClusterCanReadTheLakeAndTheLandingZoneInEveryTarget() throws IOException {
    for (String target : targets()) {
      Map<String, String> vars = bundle.variables(target);
      String host = "@" + vars.get("storage_account") + ".dfs.core.windows.net/";
      assertThat(vars.get("landing")).as(target).startsWith("abfss://").contains(host);
      assertThat(vars.get("lake")).as(target).startsWith("abfss://").contains(host);
      assertThat(vars.get("lake")).as(target).isNotEqualTo(vars.get("landing"));
      Map<String, String> conf =
          job(target).getJobClusters().iterator().next().getNewCluster().getSparkConf();
      String key =
          "spark.hadoop.fs.azure.account.key."
              + vars.get("storage_account")
              + ".dfs.core.windows.net";
      assertThat(conf).as(target).containsKey(key);
      assertThat(conf.get(key)).startsWith("{{secrets/" + vars.get("secret_scope") + "/");
    }
  }

  @Test
  void everyVariableIsDeclaredAndHasAValueInEveryTarget() {
    List<String> declared = bundle.declaredVariables();
    Set<String> referenced = new HashSet<>();
    for (JsonNode tree : bundle.files.values()) {
      for (String s : Bundle.strings(tree)) {
        Matcher matcher = Bundle.VAR_REFERENCE.matcher(s);
        while (matcher.find()) {
          referenced.add(matcher.group(1));
        }
      }
    }
    assertThat(declared).containsAll(referenced);
    assertThat(referenced).as("declared but never used").containsAll(declared);
    for (String target : targets()) {
      assertThat(declared).containsAll(bundle.variables(target).keySet());
      assertThat(bundle.variables(target).keySet()).as(target).containsAll(declared);
    }
  }

  @Test
  void theTargetsAreDevByDefaultAndProd() {
    JsonNode targets = bundle.root.path("targets");
    assertThat(targets()).containsExactlyInAnyOrder("dev", "prod");
    assertThat(targets.path("dev").path("mode").asText()).isEqualTo("development");
    assertThat(targets.path("dev").path("default").asBoolean()).isTrue();
    assertThat(targets.path("prod").path("mode").asText()).isEqualTo("production");
    assertThat(targets.path("prod").path("default").asBoolean()).isFalse();
    assertThat(targets.path("prod").path("workspace").path("host").asText()).startsWith("https://");
  }

  @Test
  void everyTaskInstallsTheJarTheArtifactBuilds() throws Exception {
    JsonNode artifacts = bundle.root.path("artifacts");
    assertThat(artifacts.size()).isEqualTo(1);
    JsonNode artifact = artifacts.elements().next();
    assertThat(artifact.path("type").asText()).isEqualTo("jar");
    assertThat(artifact.path("build").asText()).contains("-pl streams").contains("package");
    assertThat(artifact.path("files")).hasSize(1);
    Path built = DIR.resolve(artifact.path("files").get(0).path("source").asText()).normalize();
    assertThat(built).isEqualTo(shadedJar());

    Path jobFile = bundle.job(JOB).getKey();
    for (Task task : tasks()) {
      assertThat(task.getLibraries()).as(task.getTaskKey()).hasSize(1);
      Library library = task.getLibraries().iterator().next();
      assertThat(jobFile.getParent().resolve(library.getJar()).normalize())
          .as(task.getTaskKey())
          .isEqualTo(built);
    }
  }

  @Test
  void theBuiltJarHoldsTheTaskAndNotTheRuntime() throws Exception {
    Path jar = shadedJar();
    assumeThat(Files.exists(jar)).as("%s is built (mvn package)", jar).isTrue();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<String> entries = zip.stream().map(e -> e.getName()).toList();
      assertThat(entries)
          .contains(DatabricksTask.class.getName().replace('.', '/') + ".class")
          .contains("picocli/CommandLine.class")
          .contains("org/bookslakehouse/shaded/guava/base/Preconditions.class")
          .contains("org/bookslakehouse/shaded/commons/text/translate/LookupTranslator.class")
          .noneMatch(e -> e.startsWith("com/google/common/"))
          .noneMatch(e -> e.startsWith("org/apache/commons/"))
          .noneMatch(e -> e.startsWith("org/apache/spark/"))
          .noneMatch(e -> e.startsWith("io/delta/"))
          .noneMatch(e -> e.startsWith("org/apache/hadoop/"))
          .noneMatch(e -> e.startsWith("scala/"));
    }
  }

  /** The jar streams/pom.xml's shade execution writes (its outputFile). */
  private static Path shadedJar() throws Exception {
    Path pom = DIR.resolve("../streams/pom.xml").normalize();
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    String outputFile = doc.getElementsByTagName("outputFile").item(0).getTextContent().trim();
    assertThat(outputFile).startsWith("${project.build.directory}/");
    return pom.getParent()
        .resolve("target")
        .resolve(outputFile.substring("${project.build.directory}/".length()))
        .normalize();
  }

  private List<String> targets() {
    List<String> names = new ArrayList<>();
    bundle.root.path("targets").fieldNames().forEachRemaining(names::add);
    return names;
  }
}
