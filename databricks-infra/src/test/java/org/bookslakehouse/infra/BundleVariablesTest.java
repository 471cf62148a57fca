package org.bookslakehouse.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Bundle} reads a bundle as the Databricks CLI does (libs/dyn/dynvar, libs/dyn/merge,
 * config/root.go): checked here on small bundles, one rule each, so that {@link BundleTest} can
 * trust it.
 */
class BundleVariablesTest {
  @TempDir Path dir;

  private Bundle bundle(String databricksYml, String jobYml) throws IOException {
    Files.writeString(
        dir.resolve("databricks.yml"),
        "bundle:\n  name: probe\ninclude:\n  - resources/*.yml\n" + databricksYml);
    Files.createDirectories(dir.resolve("resources"));
    Files.writeString(dir.resolve("resources/job.yml"), jobYml);
    return Bundle.load(dir);
  }

  private static final String ACCOUNT =
      """
      variables:
        account:
          default: devaccount
      targets:
        dev:
          default: true
        prod:
          variables:
            account: prodaccount
      """;

  @Test
  void aReferenceInAMapKeyIsDeployedAsWrittenAndOneInAValueIsResolved() throws IOException {
    Bundle bundle =
        bundle(
            ACCOUNT,
            """
            resources:
              jobs:
                j:
                  name: ${var.account}
                  tags:
                    key.${var.account}: value.${var.account}
            """);
    JsonNode job = bundle.resolved("prod").path("resources").path("jobs").path("j");
    assertThat(job.path("name").asText()).isEqualTo("prodaccount");
    assertThat(job.path("tags").fieldNames()).toIterable().containsExactly("key.${var.account}");
    assertThat(job.path("tags").path("key.${var.account}").asText()).isEqualTo("value.prodaccount");
  }

  @Test
  void aValueThatIsOneReferenceToAComplexVariableTakesItWhole() throws IOException {
    Bundle bundle =
        bundle(
            """
            variables:
              scope:
                default: s
              conf:
                type: complex
                default:
                  spark.dev.key: "{{secrets/${var.scope}/k}}"
            targets:
              dev:
                default: true
              prod:
                variables:
                  conf:
                    spark.prod.key: "{{secrets/${var.scope}/k}}"
            """,
            """
            resources:
              jobs:
                j:
                  job_clusters:
                    - job_cluster_key: c
                      new_cluster:
                        spark_conf: ${var.conf}
            """);
    JsonNode dev = bundle.resolved("dev").at("/resources/jobs/j/job_clusters/0/new_cluster");
    assertThat(dev.path("spark_conf").toString())
        .isEqualTo("{\"spark.dev.key\":\"{{secrets/s/k}}\"}");
    // a target's value of a complex variable replaces the default; the maps are not merged
    JsonNode prod = bundle.resolved("prod").at("/resources/jobs/j/job_clusters/0/new_cluster");
    assertThat(prod.path("spark_conf").toString())
        .isEqualTo("{\"spark.prod.key\":\"{{secrets/s/k}}\"}");
  }

  @Test
  void aComplexVariableInsideAStringIsAnError() throws IOException {
    Bundle bundle =
        bundle(
            """
            variables:
              conf:
                type: complex
                default:
                  a: b
            targets:
              dev:
                default: true
            """,
            "resources:\n  jobs:\n    j:\n      name: x-${var.conf}\n");
    assertThatThrownBy(() -> bundle.resolved("dev"))
        .hasMessageContaining("cannot interpolate non-primitive value");
  }

  @Test
  void aComplexVariableCannotReferToAnother() throws IOException {
    Bundle bundle =
        bundle(
            """
            variables:
              a:
                type: complex
                default:
                  k: v
              b:
                type: complex
                default:
                  inner: ${var.a}
            targets:
              dev:
                default: true
            """,
            "resources:\n  jobs:\n    j:\n      tags: ${var.b}\n");
    assertThatThrownBy(() -> bundle.resolved("dev"))
        .hasMessageContaining("complex variables cannot contain references to another complex");
  }

  @Test
  void theBundleTheTargetAndTheUserAreKnownAndTheRootPathDefaultsUnderTheUser() throws IOException {
    Bundle bundle =
        bundle(
            ACCOUNT,
            """
            resources:
              jobs:
                j:
                  name: ${bundle.name}-${bundle.target}-${workspace.current_user.short_name}
                  description: ${workspace.file_path}
            """);
    JsonNode job = bundle.resolved("dev").path("resources").path("jobs").path("j");
    assertThat(job.path("name").asText()).isEqualTo("probe-dev-someone");
    assertThat(job.path("description").asText())
        .isEqualTo("/Workspace/Users/" + Bundle.DEPLOYING_USER + "/.bundle/probe/dev/files");
  }

  @Test
  void variablesReferToVariablesAndACycleIsAnError() throws IOException {
    String job = "resources:\n  jobs:\n    j:\n      name: ${var.a}\n";
    Bundle chained =
        bundle(
            """
            variables:
              a:
                default: ${var.b}-a
              b:
                default: ${bundle.target}
            targets:
              dev:
                default: true
            """,
            job);
    assertThat(chained.resolved("dev").at("/resources/jobs/j/name").asText()).isEqualTo("dev-a");

    Bundle cycle =
        bundle(
            """
            variables:
              a:
                default: ${var.b}
              b:
                default: x${var.a}
            targets:
              dev:
                default: true
            """,
            job);
    assertThatThrownBy(() -> cycle.resolved("dev")).hasMessageContaining("cycle detected");
  }

  @Test
  void anUnknownReferenceIsAnErrorAndOneToAResourceWaitsForTheDeployment() throws IOException {
    Bundle unknown = bundle(ACCOUNT, "resources:\n  jobs:\n    j:\n      name: ${var.nope}\n");
    assertThatThrownBy(() -> unknown.resolved("dev"))
        .hasMessageContaining("reference does not exist: ${var.nope}");

    Bundle later =
        bundle(ACCOUNT, "resources:\n  jobs:\n    j:\n      name: ${resources.jobs.k.id}\n");
    assertThat(later.resolved("dev").at("/resources/jobs/j/name").asText())
        .isEqualTo("${resources.jobs.k.id}");
  }

  @Test
  void aTargetMergesIntoTheJobByKeyAndReplacesRunAs() throws IOException {
    Bundle bundle =
        bundle(
            """
            run_as:
              user_name: someone@example.com
            permissions:
              - level: CAN_VIEW
                group_name: users
            targets:
              dev:
                default: true
              prod:
                run_as:
                  service_principal_name: sp
                permissions:
                  - level: CAN_MANAGE
                    service_principal_name: sp
                resources:
                  jobs:
                    j:
                      job_clusters:
                        - job_cluster_key: c
                          new_cluster:
                            num_workers: 4
                      tasks:
                        - task_key: t
                          max_retries: 2
            """,
            """
            resources:
              jobs:
                j:
                  job_clusters:
                    - job_cluster_key: c
                      new_cluster:
                        num_workers: 2
                        spark_version: 15.4.x-scala2.12
                  tasks:
                    - task_key: t
                      job_cluster_key: c
                    - task_key: u
                      job_cluster_key: c
            """);
    JsonNode prod = bundle.resolved("prod");
    JsonNode job = prod.path("resources").path("jobs").path("j");
    assertThat(job.path("job_clusters")).hasSize(1);
    assertThat(job.at("/job_clusters/0/new_cluster/num_workers").asInt()).isEqualTo(4);
    assertThat(job.at("/job_clusters/0/new_cluster/spark_version").asText())
        .isEqualTo("15.4.x-scala2.12");
    assertThat(job.path("tasks")).hasSize(2);
    assertThat(job.at("/tasks/0/max_retries").asInt()).isEqualTo(2);
    assertThat(job.at("/tasks/0/job_cluster_key").asText()).isEqualTo("c");
    assertThat(prod.path("run_as").toString()).isEqualTo("{\"service_principal_name\":\"sp\"}");
    assertThat(prod.path("permissions")).hasSize(2);
    assertThat(bundle.resolved("dev").path("permissions")).hasSize(1);
  }
}
