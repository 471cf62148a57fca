package org.bookslakehouse.infra;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bookslakehouse.cli.DatabricksTask;
import org.junit.jupiter.api.Test;

/** The task's entry point returns on exit code 0 and fails the task, by throwing, on any other. */
class DatabricksTaskTest {
  @Test
  void returnsWhenTheCommandSucceeds() {
    assertThatCode(() -> DatabricksTask.main(new String[] {"--version"}))
        .doesNotThrowAnyException();
  }

  @Test
  void throwsWithTheExitCodeWhenTheCommandFails() {
    assertThatThrownBy(() -> DatabricksTask.main(new String[] {"run", "--no-such-option"}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("books run --no-such-option failed with exit code 2");
  }
}
