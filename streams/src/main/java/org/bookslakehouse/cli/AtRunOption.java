package org.bookslakehouse.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --at-run} of the commands that read the tables as a past run left them ({@code sql},
 * {@code query}, {@code changes}).
 */
final class AtRunOption {
  @Option(
      names = "--at-run",
      paramLabel = "RUN_ID",
      description =
          "Read every table as it was when that run ended (Delta time travel to the versions"
              + " pipeline_runs recorded), instead of as it is now: e.g. to reproduce yesterday's"
              + " report. Refused, saying why, when a reset recreated a table since or VACUUM"
              + " removed what it needs.")
  String runId;
}
