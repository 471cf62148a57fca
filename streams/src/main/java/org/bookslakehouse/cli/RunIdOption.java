package org.bookslakehouse.cli;

import java.util.UUID;
import org.bookslakehouse.config.SettingsResolver;
import picocli.CommandLine.Option;

/**
 * The {@code --run-id} of the commands that record themselves in pipeline_runs ({@code run}, {@code
 * maintain}, {@code verify}). Precedence like every setting: the flag, BOOKS_RUN_ID, the config
 * file's {@code run-id}; else a fresh UUID.
 */
final class RunIdOption {
  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description =
          "The run id recorded in pipeline_runs (and named by --since-run and --at-run): one id"
              + " for all the commands of one job run, e.g. the Databricks job's {{job.run_id}}."
              + " Env BOOKS_RUN_ID; default a fresh UUID.")
  String runId;

  /** The given run id, else a fresh one; {@code configFile} is the {@code --config} flag. */
  String resolve(String configFile) {
    return SettingsResolver.forThisProcess()
        .runId(runId, configFile)
        .orElseGet(() -> UUID.randomUUID().toString());
  }
}
