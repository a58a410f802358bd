package io.coffer.source.quiesce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one-line form of a quiesce method and its settings, as nodes, definitions and the CLI keep it. */
class QuiesceSpecTest {

  @Test
  void parse_readsShellQuoting_andPrintsCanonically() {
    QuiesceSpec spec = QuiesceSpec.parse("  stop-start stop=\"pg_ctl -D '/srv/pg' stop\"   start='pg_ctl start'"
        + " timeout=5m");
    assertThat(spec.method()).isEqualTo("stop-start");
    assertThat(spec.settings()).isEqualTo(Map.of("stop", "pg_ctl -D '/srv/pg' stop", "start", "pg_ctl start",
        "timeout", "5m"));
    assertThat(spec).hasToString("stop-start start='pg_ctl start' stop='pg_ctl -D '\\''/srv/pg'\\'' stop' timeout=5m");
    assertThat(QuiesceSpec.parse(spec.toString())).isEqualTo(spec);
  }

  @Test
  void blank_isNone() {
    assertThat(QuiesceSpec.parse("  ")).isEqualTo(QuiesceSpec.NONE);
    assertThat(QuiesceSpec.parse("none")).isEqualTo(QuiesceSpec.NONE);
  }

  @Test
  void badLines_areRefusedNamingWhatIsWrong() {
    assertThatThrownBy(() -> QuiesceSpec.parse("tarball")).isInstanceOf(InvalidQuiesceOption.class)
        .hasMessageContaining("'tarball'").hasMessageContaining("none, stop-start, pre-post, btrfs, lvm, zfs");
    assertThatThrownBy(() -> QuiesceSpec.parse("stop-start stop=true start"))
        .hasMessageContaining("'start' is not KEY=VALUE");
    assertThatThrownBy(() -> QuiesceSpec.parse("stop-start stop='true start=true"))
        .hasMessageContaining("an unclosed '");
    assertThatThrownBy(() -> QuiesceSpec.parse("zfs dataset=a/b dataset=c/d")).hasMessageContaining("each setting once");
    assertThatThrownBy(() -> QuiesceSpec.parse("btrfs snapshots=/x")).isInstanceOf(InvalidQuiesceOption.class)
        .hasMessageContaining("quiesce option snapshots '/x' is not accepted");
  }
}
