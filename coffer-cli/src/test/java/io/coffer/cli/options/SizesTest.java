package io.coffer.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

  @ParameterizedTest
  @CsvSource({"0,0", "4096,4096", "512K,524288", "512k,524288", "8M,8388608", "1G,1073741824", "16MiB,16777216", "2KB,2048", " 3M ,3145728"})
  void parse_acceptsBytesAndBinaryUnits(String text, long bytes) {
    assertThat(Sizes.parse(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "K", "-1", "1.5M", "12X", "1T", "8 M B", "9999999999999G"})
  void parse_refusesAnythingElse_namingTheValue(String text) {
    assertThatThrownBy(() -> Sizes.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + text + "'");
  }
}
