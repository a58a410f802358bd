package io.coffer.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.model.Kind;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A cold backup of a small database spent half a CPU-second compiling the volume's hot paths on
 * purpose; a large one needs them compiled from its first megabyte.
 */
class HotPathWarmUpTest {

  @Test
  void smallDatabases_areBackedUpWithoutTheWarmUp() {
    // A 1,000-row shop database: 8.5 MB as PostgreSQL counts it, an empty one about 7.5 MB.
    assertThat(HotPathWarmUp.pays(Kind.FULL, OptionalLong.of(8_615_000))).isFalse();
    assertThat(HotPathWarmUp.pays(Kind.DATA, OptionalLong.of(HotPathWarmUp.FROM_BYTES - 1))).isFalse();
    assertThat(HotPathWarmUp.pays(Kind.CLUSTER, OptionalLong.of(0))).isFalse();
  }

  @Test
  void largeDatabases_andThoseOfUnknownSize_warmUp() {
    for (Kind kind : new Kind[] {Kind.FULL, Kind.DATA, Kind.CLUSTER}) {
      assertThat(HotPathWarmUp.pays(kind, OptionalLong.of(HotPathWarmUp.FROM_BYTES))).as("%s", kind).isTrue();
      assertThat(HotPathWarmUp.pays(kind, OptionalLong.of(300L << 20))).as("%s", kind).isTrue();
      assertThat(HotPathWarmUp.pays(kind, OptionalLong.empty())).as("%s of unknown size", kind).isTrue();
    }
  }

  @Test
  void onceTheVolumeIsOpen_theNodeIsNotAskedItsSize() {
    for (Kind kind : new Kind[] {Kind.FULL, Kind.DATA, Kind.CLUSTER}) {
      assertThat(HotPathWarmUp.asksSize(kind, true)).as("%s while the volume is being opened", kind).isTrue();
      assertThat(HotPathWarmUp.asksSize(kind, false)).as("%s into an open volume", kind).isFalse();
    }
    assertThat(HotPathWarmUp.asksSize(Kind.SCHEMA, true)).as("no data to warm up for").isFalse();
    assertThat(HotPathWarmUp.asksSize(Kind.FILES, true)).as("decided before asking").isFalse();
  }

  @Test
  void aSchemaBackup_hasNoDataToWarmUpFor() {
    assertThat(HotPathWarmUp.pays(Kind.SCHEMA, OptionalLong.of(1L << 40))).isFalse();
    assertThat(HotPathWarmUp.pays(Kind.SCHEMA, OptionalLong.empty())).isFalse();
  }

  @Test
  void filesAndPhysicalBackups_warmUpBeforeAskingTheNode_asBefore() {
    assertThat(HotPathWarmUp.beforeAsking(Kind.FILES)).isTrue();
    assertThat(HotPathWarmUp.beforeAsking(Kind.PHYSICAL)).isTrue();
    assertThat(HotPathWarmUp.beforeAsking(Kind.FULL)).isFalse();
    assertThat(HotPathWarmUp.pays(Kind.FILES, OptionalLong.of(0))).as("decided before asking").isFalse();
  }
}
