package io.coffer.catalog.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.testing.Seeds;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackupWindowTest {

  @Test
  void randomPicks_stayInsideTheWindowAndCoverIt() {
    Random random = Seeds.random("BackupWindowTest.randomPicks_stayInsideTheWindowAndCoverIt");
    BackupWindow window = BackupWindow.parse("10-19", "1-6");
    Set<Integer> minutes = new HashSet<>();
    Set<Integer> hours = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      minutes.add(window.randomMinute(random));
      hours.add(window.randomHour(random));
    }

    assertThat(minutes).hasSize(10).allMatch(m -> m >= 10 && m <= 19);
    assertThat(hours).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
  }

  @Test
  void aWindowWhoseStartIsAfterItsEnd_wrapsAroundMidnight() {
    Random random = Seeds.random("BackupWindowTest.aWindowWhoseStartIsAfterItsEnd_wrapsAroundMidnight");
    BackupWindow window = BackupWindow.parse("0", "22-2");
    Set<Integer> hours = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      hours.add(window.randomHour(random));
    }

    assertThat(hours).containsExactlyInAnyOrder(22, 23, 0, 1, 2);
    assertThat(window.hours().size()).isEqualTo(5);
  }

  @Test
  void anHourOutsideTheClock_isRefusedNamingTheSetting() {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> BackupWindow.parse("0-59", "1-24"));

    assertThat(error.field()).isEqualTo("backup_hour_window");
    assertThat(error.value()).isEqualTo("1-24");
    assertThat(error.getMessage()).contains("within 0-23");
  }
}
