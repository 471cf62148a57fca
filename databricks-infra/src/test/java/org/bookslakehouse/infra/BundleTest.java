package org.bookslakehouse.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.databricks.sdk.service.compute.ClusterSpec;
import com.databricks.sdk.service.compute.Library;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.JobCluster;
import com.databricks.sdk.service.jobs.JobEmailNotifications;
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
import org.bookslakehouse.pipeline.RunLock;
import org.bookslakehouse.pipeline.TableRegistry;
import org.bookslakehouse.tables.Tables;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Checks the Asset Bundle, in every target as the Databricks CLI deploys it (see {@link Bundle}),
 * against what it deploys: the CLI's rules (no reference left unresolved, a key included; every
 * task on a cluster that exists), the SDK's job model (so a misspelled or misplaced key fails here,
 * not at deploy time), the table registry (one task per table, the lineage as the task graph), the
 * jar Maven builds, and the rules of the job (one run at a time, no schedule, a Spark 3.5 LTS
 * runtime, secrets only from a secret scope, retries only once a failed attempt's lock has expired,
 * a timeout, a notification; prod as a service principal). {@link BundleSchemaTest} checks it
 * against the CLI's JSON schema.
 */
class BundleTest {
  private static final Path DIR =
      Path.of(System.getProperty("books.infra.dir", ".")).toAbsolutePath();
  private static final String JOB = "books_daily";
  private static final String DEFAULT_TARGET = "dev";

  /** The Databricks dynamic value of the job run's id, resolved by the job when a task starts. */
  private static final String JOB_RUN_ID = "{{job.run_id}}";

  /** The tasks after all tables: maintenance, and verify behind its job-parameter condition. */
  private static final Set<String> AFTER_ALL_TABLES =
      Set.of("maintain", "verify_enabled", "verify");

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

  /** An ADLS Gen2 URI; group 1 is the account's host. */
  private static final Pattern ABFSS =
      Pattern.compile("abfss://[^@/]+@([a-z0-9]+\\.dfs\\.core\\.windows\\.net)(/.*)?");

  /** What a job task runs on: one of these, as the CLI requires. */
  private static final List<String> COMPUTE =
      List.of("job_cluster_key", "existing_cluster_id", "new_cluster", "environment_key");

  /** Settings lake/Sessions.java makes only off Databricks, where the runtime has its own. */
  private static final Set<String> OFF_DATABRICKS_ONLY =
      Set.of(
          "spark.sql.extensions",
          "spark.sql.catalog.spark_catalog",
          "spark.master",
          "spark.driver.host",
          "spark.driver.bindAddress");

  /** The levels a bundle's top-level permissions take (the CLI maps them onto each resource). */
  private static final Set<String> BUNDLE_PERMISSION_LEVELS =
      Set.of("CAN_VIEW", "CAN_RUN", "CAN_MANAGE");

  private static final List<String> PRINCIPALS =
      List.of("user_name", "group_name", "service_principal_name");

  /** What a storage account key looks like: 64 bytes in Base64. */
  private static final Pattern LITERAL_ACCOUNT_KEY = Pattern.compile("[A-Za-z0-9+/]{86}==");

  private final Bundle bundle = Bundle.load(DIR);
  private final TableRegistry registry = Tables.registry();

  /** The job as the CLI deploys it in a target: overrides applied, references resolved. */
  private JsonNode jobIn(String target) {
    JsonNode job = bundle.resolved(target).path("resources").path("jobs").path(JOB);
    assertThat(job.isObject()).as("job %s in target %s", JOB, target).isTrue();
    return job;
  }

  private CreateJob job(String target) throws IOException {
    return STRICT.treeToValue(jobIn(target), CreateJob.class);
  }

  private List<Task> tasks() throws IOException {
    return new ArrayList<>(job(DEFAULT_TARGET).getTasks());
  }

  /** The tasks that run a table of the registry (the others come after all tables). */
  private List<Task> tableTasks() throws IOException {
    return tasks().stream().filter(t -> registry.names().contains(t.getTaskKey())).toList();
  }

  /** The tasks that run code on the cluster (a condition task runs none). */
  private static List<Task> computeTasks(CreateJob job) {
    return job.getTasks().stream().filter(t -> t.getConditionTask() == null).toList();
  }

  private Task task(String key) throws IOException {
    return tasks().stream()
        .filter(t -> t.getTaskKey().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no task " + key));
  }

  private static Set<String> dependsOn(Task task) {
    return task.getDependsOn() == null
        ? Set.of()
        : task.getDependsOn().stream().map(TaskDependency::getTaskKey).collect(Collectors.toSet());
  }

  @Test
  void theJobIsAValidJobSpecificationInEveryTarget() throws IOException {
    for (String target : targets()) {
      // each task on its own first, so that an error names the task
      for (JsonNode task : jobIn(target).path("tasks")) {
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
  void thereIsOneTaskPerTableOfTheRegistryAndTheTasksAfterAllTables() throws IOException {
    List<String> keys = tasks().stream().map(Task::getTaskKey).toList();
    assertThat(keys).doesNotHaveDuplicates();
    assertThat(tableTasks().stream().map(Task::getTaskKey))
        .containsExactlyInAnyOrderElementsOf(registry.names());
    assertThat(keys.stream().filter(k -> !registry.names().contains(k)))
        .containsExactlyInAnyOrderElementsOf(AFTER_ALL_TABLES);
  }

  @Test
  void maintenanceAndTheOptionalVerifyComeAfterEveryTable() throws IOException {
    // the tables no other table reads: once they are done, every table is
    Set<String> lastTables = new HashSet<>(registry.names());
    registry.names().forEach(name -> lastTables.removeAll(registry.table(name).upstreams()));
    List<String> lake = lakeOptions();

    Task maintain = task("maintain");
    assertThat(dependsOn(maintain)).isEqualTo(lastTables);
    assertThat(maintain.getSparkJarTask().getParameters())
        .containsExactlyElementsOf(cat("maintain", lake));

    Task enabled = task("verify_enabled");
    assertThat(dependsOn(enabled)).isEqualTo(lastTables);
    assertThat(enabled.getConditionTask().getLeft()).isEqualTo("{{job.parameters.verify}}");
    assertThat(enabled.getConditionTask().getRight()).isEqualTo("true");
    assertThat(job(DEFAULT_TARGET).getParameters())
        .as("the job parameter verify, off by default")
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo("verify");
              assertThat(p.getDefault()).isEqualTo("false");
            });

    Task verify = task("verify");
    assertThat(verify.getDependsOn())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getTaskKey()).isEqualTo("verify_enabled");
              assertThat(d.getOutcome()).isEqualTo("true");
            });
    assertThat(verify.getSparkJarTask().getParameters())
        .containsExactlyElementsOf(cat("verify", lake));
  }

  private static List<String> cat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  @Test
  void theTaskGraphIsTheLineage() throws IOException {
    for (Task task : tableTasks()) {
      LakeTable table = registry.table(task.getTaskKey());
      assertThat(dependsOn(task)).as(task.getTaskKey()).isEqualTo(new HashSet<>(table.upstreams()));
    }
  }

  @Test
  void everyTaskRunsItsTableThroughDatabricksTask() throws IOException {
    for (Task task : tableTasks()) {
      SparkJarTask jar = task.getSparkJarTask();
      assertThat(jar).as(task.getTaskKey()).isNotNull();
      assertThat(jar.getMainClassName()).isEqualTo(DatabricksTask.class.getName());
      assertThat(jar.getParameters())
          .as(task.getTaskKey())
          .containsExactlyElementsOf(cat("run", cat(task.getTaskKey(), lakeOptions())));
    }
  }

  /**
   * The landing, lake and database options every task passes, as in the default target, and the
   * job's run id (so that all of a job run's rows in pipeline_runs share one run id).
   */
  private List<String> lakeOptions() {
    Map<String, JsonNode> vars = bundle.variables(DEFAULT_TARGET);
    return List.of(
        "--landing",
        vars.get("landing").asText(),
        "--lake",
        vars.get("lake").asText(),
        "--database",
        vars.get("database").asText(),
        "--run-id",
        JOB_RUN_ID);
  }

  @Test
  void everyTaskPassesTheJobsRunIdInEveryTarget() throws IOException {
    for (String target : targets()) {
      for (Task task : computeTasks(job(target))) {
        List<String> parameters = new ArrayList<>(task.getSparkJarTask().getParameters());
        int at = parameters.indexOf("--run-id");
        assertThat(at).as("%s, task %s passes --run-id", target, task.getTaskKey()).isPositive();
        assertThat(parameters.get(at + 1))
            .as("%s, task %s", target, task.getTaskKey())
            .isEqualTo(JOB_RUN_ID);
      }
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
    for (Task task : computeTasks(job)) {
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
      Map<String, JsonNode> vars = bundle.variables(target);
      String landing = vars.get("landing").asText();
      String lake = vars.get("lake").asText();
      Matcher account = ABFSS.matcher(landing);
      assertThat(account.matches()).as("%s: landing %s is abfss://", target, landing).isTrue();
      String host = account.group(1);
      assertThat(lake).as(target).startsWith("abfss://").contains("@" + host + "/");
      assertThat(lake).as(target).isNotEqualTo(landing);
      // Note: the key names the account literally: the CLI resolves ${...} in values, not in keys.
      Map<String, String> conf =
          job(target).getJobClusters().iterator().next().getNewCluster().getSparkConf();
      String key = "spark.hadoop.fs.azure.account.key." + host;
      assertThat(conf).as(target).containsKey(key);
      assertThat(conf.get(key))
          .as(target)
          .isEqualTo("{{secrets/" + vars.get("secret_scope").asText() + "/storage-account-key}}");
    }
  }

  @Test
  void noReferenceIsLeftInAnyKeyOrValueInAnyTarget() {
    for (String target : targets()) {
      ObjectNode deployed = bundle.resolved(target);
      assertThat(Bundle.keys(deployed).stream().filter(k -> k.contains("${")))
          .as("keys in target %s: the CLI never resolves a reference in a key", target)
          .isEmpty();
      assertThat(Bundle.values(deployed).stream().filter(v -> v.contains("${")))
          .as("values in target %s", target)
          .isEmpty();
    }
  }

  @Test
  void everyTaskHasComputeAndEveryJobClusterKeyNamesAJobCluster() {
    for (String target : targets()) {
      JsonNode job = jobIn(target);
      Set<String> clusters = new HashSet<>();
      job.path("job_clusters").forEach(c -> clusters.add(c.path("job_cluster_key").asText()));
      for (JsonNode task : job.path("tasks")) {
        String key = task.path("task_key").asText();
        if (task.has("condition_task")) {
          continue; // a condition is evaluated by the job itself, on no cluster
        }
        assertThat(COMPUTE.stream().filter(task::hasNonNull))
            .as("%s: task %s needs one of %s", target, key, COMPUTE)
            .hasSize(1);
        if (task.has("job_cluster_key")) {
          assertThat(clusters)
              .as("%s: task %s's job_cluster_key", target, key)
              .contains(task.path("job_cluster_key").asText());
        }
      }
    }
  }

  @Test
  void settingsForSparkOffDatabricksAreNotSetOnTheCluster() throws IOException {
    // Note: the runtime brings its own Delta (another package name), master and driver address;
    // lake/Sessions.java sets these only off Databricks.
    for (String target : targets()) {
      Map<String, String> conf =
          job(target).getJobClusters().iterator().next().getNewCluster().getSparkConf();
      assertThat(conf.keySet()).as(target).doesNotContainAnyElementsOf(OFF_DATABRICKS_ONLY);
      assertThat(conf.keySet())
          .as("%s: only the storage credentials", target)
          .allMatch(k -> k.startsWith("spark.hadoop.fs.azure."));
    }
  }

  @Test
  void prodRunsAsAServicePrincipalUnderItsOwnRootWithPermissions() {
    ObjectNode prod = bundle.resolved("prod");
    Map<String, JsonNode> vars = bundle.variables("prod");
    assertThat(vars).as("variables of prod").containsKey("service_principal");
    String principal = vars.get("service_principal").asText();
    assertThat(principal).as("the service principal of prod").isNotBlank();
    assertThat(prod.path("run_as").path("service_principal_name").asText()).isEqualTo(principal);
    assertThat(prod.path("run_as").has("user_name")).isFalse();
    assertThat(bundle.root.path("targets").path("prod").path("run_as").toString())
        .as("run_as names the variable, not a literal")
        .contains("${var.service_principal}");

    String root = prod.path("workspace").path("root_path").asText();
    assertThat(root)
        .startsWith("/Workspace/Users/" + principal + "/.bundle/")
        .endsWith("/prod")
        .doesNotStartWith("/Workspace/Shared");

    JsonNode permissions = prod.path("permissions");
    assertThat(permissions.size()).as("prod grants permissions").isGreaterThan(0);
    for (JsonNode permission : permissions) {
      assertThat(permission.path("level").asText()).isIn(BUNDLE_PERMISSION_LEVELS);
      assertThat(PRINCIPALS.stream().filter(permission::hasNonNull))
          .as("one principal in %s", permission)
          .hasSize(1);
    }
    assertThat(permissions.findValuesAsText("service_principal_name"))
        .as("the service principal manages what it runs")
        .contains(principal);
  }

  @Test
  void aFailedRunNotifiesSomeoneInEveryTarget() throws IOException {
    for (String target : targets()) {
      JobEmailNotifications email = job(target).getEmailNotifications();
      assertThat(email).as(target).isNotNull();
      assertThat(email.getOnFailure())
          .as(target)
          .containsExactly(bundle.variables(target).get("failure_email").asText());
      assertThat(email.getOnFailure()).as(target).allMatch(address -> address.contains("@"));
    }
    assertThat(bundle.variables("prod").get("failure_email").asText())
        .as("prod notifies a team, not whoever deployed it")
        .isNotEqualTo(Bundle.DEPLOYING_USER);
  }

  @Test
  void everyTaskHasATimeoutAndRetriesOnlyOnceTheLockOfTheFailedAttemptIsTakenOver()
      throws IOException {
    for (String target : targets()) {
      for (Task task : computeTasks(job(target))) {
        String what = target + ", task " + task.getTaskKey();
        assertThat(task.getTimeoutSeconds()).as(what).isNotNull().isPositive();
        // a difference verify finds is a finding, not a transient failure: it is not retried
        if (task.getTaskKey().equals("verify")) {
          assertThat(task.getMaxRetries()).as(what).isIn(null, 0L);
          continue;
        }
        assertThat(task.getMaxRetries()).as(what).isNotNull().isPositive();
        // a killed attempt's lock is taken over STALE_AFTER after its last heartbeat
        assertThat(task.getMinRetryIntervalMillis())
            .as(what)
            .isNotNull()
            .isGreaterThan(RunLock.STALE_AFTER.toMillis());
        // a timed-out attempt may still be writing when it is cancelled: no retry then
        assertThat(task.getRetryOnTimeout()).as(what).isNotEqualTo(true);
      }
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
      Map<String, JsonNode> values = bundle.variables(target);
      assertThat(values.keySet()).as(target).containsExactlyInAnyOrderElementsOf(declared);
      values.forEach(
          (name, value) ->
              assertThat(value.isMissingNode() || value.isNull())
                  .as("%s in %s", name, target)
                  .isFalse());
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
    for (Task task : computeTasks(job(DEFAULT_TARGET))) {
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
    return bundle.targets();
  }
}
