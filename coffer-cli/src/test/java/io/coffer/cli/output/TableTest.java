package io.coffer.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void alignsColumns_rightAlignsNumbers_andLeavesNoTrailingBlanks() {
    StringWriter s = new StringWriter();
    new TextTable("ID", "SIZE", "NAMES").alignRight(1).row("abc", "1.0 KiB", "a").row("d", "12 B", "longer name").print(new PrintWriter(s));
    assertThat(s.toString()).isEqualTo("ID      SIZE  NAMES\nabc  1.0 KiB  a\nd       12 B  longer name\n");
  }

  @Test
  void bytes_useBinaryUnits() {
    assertThat(Bytes.format(1023)).isEqualTo("1023 B");
    assertThat(Bytes.format(1536)).isEqualTo("1.5 KiB");
    assertThat(Bytes.format(50L << 20)).isEqualTo("50.0 MiB");
    assertThat(Bytes.percent(1, 40)).isEqualTo("2.5%");
  }

  @Test
  void times_areUtcToTheSecond() {
    assertThat(TableTimes.format("2026-11-22T10:00:00.123456Z")).isEqualTo("2026-11-22 10:00:00Z");
    assertThat(TableTimes.format("yesterday")).isEqualTo("yesterday");
  }
}
