package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shapes measured for docs/benchmarks.md, with the statistics the server gave them. */
class PgCopyFormatTest {

  @Test
  void pgbenchAccounts_integersAndAWideFiller_travelInBinary() {
    // 106 bytes of text against 114 of binary per row; the server loaded it 10-20% faster in binary.
    assertThat(PgCopyFormat.binary(true, List.of("integer", "integer", "integer", "character"), List.of(4, 4, 4, 85)))
        .isTrue();
  }

  @Test
  void narrowIntegersAndShortStrings_stayText() {
    // Twice as long in binary, a quarter larger after compression.
    assertThat(PgCopyFormat.binary(true, List.of("bigint", "smallint", "text", "integer"), List.of(8, 2, 9, 4)))
        .isFalse();
  }

  @Test
  void timesUuidsAndFloats_travelInBinary_whereTheyAreShorterThanTheirText() {
    assertThat(PgCopyFormat.binary(true, List.of("bigint", "timestamp with time zone", "uuid", "double precision",
        "date", "boolean", "text"), List.of(8, 8, 16, 8, 4, 1, 17))).isTrue();
  }

  @Test
  void aByteaColumn_travelsInBinary_withAnyBuiltInColumnBeside() {
    assertThat(PgCopyFormat.binary(true, List.of("integer", "numeric", "bytea", "integer[]"), List.of(4, 6, 950, 20)))
        .isTrue();
  }

  @Test
  void numericJsonAndArrays_keepATableText() {
    assertThat(PgCopyFormat.binary(true, List.of("timestamp with time zone", "numeric"), List.of(8, 6))).isFalse();
    assertThat(PgCopyFormat.binary(true, List.of("uuid", "jsonb"), List.of(16, 200))).isFalse();
    assertThat(PgCopyFormat.binary(true, List.of("uuid", "integer[]"), List.of(16, 30))).isFalse();
  }

  @Test
  void aTableThatIsNotCapable_staysText_evenWithBytea() {
    assertThat(PgCopyFormat.binary(false, List.of("bytea", "regclass"), List.of(900, 4))).isFalse();
  }

  @Test
  void stringsWithoutStatistics_countAsShort() {
    // An integer key and one string of unknown width: 23 bytes of text against 29 of binary.
    assertThat(PgCopyFormat.binary(true, List.of("integer", "text"), List.of(-1, -1))).isFalse();
    assertThat(PgCopyFormat.binary(true, List.of("integer", "text"), List.of(-1, 200))).isTrue();
  }

  @Test
  void aTableWithoutColumns_staysText() {
    assertThat(PgCopyFormat.binary(true, List.of(), List.of())).isFalse();
  }
}
