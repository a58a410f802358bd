package io.coffer.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompressionTest {

  @ParameterizedTest
  @CsvSource({"none,0", "NONE,0", "zstd,2", "zstd:1,1", "zstd:19,19", "ZSTD:7,7"})
  void parse_acceptsZstdLevelsAndNone(String text, int level) {
    assertThat(Compression.parse(text).level()).isEqualTo(level);
  }

  @ParameterizedTest
  @ValueSource(strings = {"zstd:0", "zstd:20", "zstd:", "gzip", "lz4:1", ""})
  void parse_refusesOthers_namingValueAndChoices(String text) {
    assertThatThrownBy(() -> Compression.parse(text)).hasMessageContaining("'" + text + "'").hasMessageContaining("zstd:1 … zstd:19").hasMessageContaining("none");
  }

  @ParameterizedTest
  @CsvSource({"0,none", "3,zstd:3"})
  void toString_isTheAcceptedSpelling(int level, String text) {
    assertThat(new Compression(level)).hasToString(text);
  }
}
