package io.coffer.catalog.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunnerTest {

  @Test
  void aProcess_isAliveWhileItRuns_andNotOnceItEnded() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      Runner runner = Runner.of(sleeper.toHandle());
      assertThat(runner.processStart()).isNotNull();
      assertThat(runner.isAlive()).isTrue();
      sleeper.destroyForcibly();
      assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(runner.isAlive()).isFalse();
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void aRunner_isNamedByItsHostName_withoutTheMachineId() {
    assertThat(new Runner("db1#3d1219a07c2e", 12, null)).hasToString("process 12 on db1");
    assertThat(new Runner("db1", 12, null)).hasToString("process 12 on db1");
    assertThat(Runner.current().toString()).startsWith("process " + ProcessHandle.current().pid() + " on ")
        .doesNotContain("#");
  }

  @Test
  void aReusedPid_isNotTheRunner() {
    Runner me = Runner.current();
    assertThat(me.isAlive()).isTrue();
    Runner earlierProcessWithMyPid = new Runner(me.host(), me.pid(), me.processStart().minus(Duration.ofMinutes(5)));
    assertThat(earlierProcessWithMyPid.isAlive()).isFalse();
  }
}
