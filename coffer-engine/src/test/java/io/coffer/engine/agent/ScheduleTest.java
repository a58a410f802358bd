package io.coffer.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.definition.ScheduledDefinition;
import io.coffer.catalog.schedule.CronSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduling rules on a clock the test moves: due on time, once, never a burst; missed runs once. */
class ScheduleTest {

  private static final Instant T0 = Instant.parse("2026-03-02T01:00:30Z");

  private final List<String> problems = new ArrayList<>();
  private final Schedule schedule = new Schedule(ZoneOffset.UTC, problems::add);

  private static ScheduledDefinition definition(long id, String cron, Instant created) {
    String[] f = cron.split(" ");
    return new ScheduledDefinition(id, "pg1", CronSpec.fromCatalog(f[0], f[1], f[2], f[3], f[4]), true, created);
  }

  @Test
  void aDefinition_isDueAtItsTimeAndOnlyOnce() {
    schedule.load(List.of(definition(1, "41 1 * * *", T0.minusSeconds(86_400 * 3))), T0, false, Map.of());

    assertThat(schedule.due(Instant.parse("2026-03-02T01:40:59Z"))).isEmpty();
    assertThat(schedule.due(Instant.parse("2026-03-02T01:41:00.400Z"))).singleElement()
        .satisfies(due -> {
          assertThat(due.fireTime()).isEqualTo(Instant.parse("2026-03-02T01:41:00Z"));
          assertThat(due.missed()).isFalse();
          assertThat(due.key()).isEqualTo("definition 1 at 2026-03-02T01:41:00Z");
        });
    assertThat(schedule.due(Instant.parse("2026-03-02T01:41:01Z"))).isEmpty();
    assertThat(schedule.next()).contains(Instant.parse("2026-03-03T01:41:00Z"));
  }

  @Test
  void timesPassedWhileTheAgentWasBusy_areOneRunNotABurst() {
    schedule.load(List.of(definition(1, "* * * * *", T0.minusSeconds(3600))), T0, false, Map.of());

    assertThat(schedule.due(T0.plusSeconds(600))).singleElement()
        .satisfies(due -> assertThat(due.fireTime()).isEqualTo(Instant.parse("2026-03-02T01:10:00Z")));
    assertThat(schedule.due(T0.plusSeconds(601))).isEmpty();
  }

  @Test
  void atStartUp_aRunMissedWhileTheAgentWasDown_isDueOnceAndAnAlreadyQueuedOneIsNot() {
    Instant created = T0.minusSeconds(86_400 * 10);
    List<ScheduledDefinition> definitions = List.of(definition(1, "0 1 * * *", created),
        definition(2, "0 1 * * *", created), definition(3, "0 1 * * *", T0.minusSeconds(10)));
    Map<Long, Instant> lastQueued = Map.of(2L, Instant.parse("2026-03-02T01:00:00.050Z"));

    List<Schedule.Due> missed = schedule.load(definitions, T0, true, lastQueued);

    assertThat(missed).as("1 missed 01:00; 2 was queued then; 3 did not exist at 01:00").singleElement()
        .satisfies(due -> {
          assertThat(due.definitionId()).isEqualTo(1);
          assertThat(due.missed()).isTrue();
          assertThat(due.fireTime()).isEqualTo(Instant.parse("2026-03-02T01:00:00Z"));
        });
    assertThat(schedule.load(definitions, T0.plusSeconds(5), false, Map.of())).as("a reload is no start-up").isEmpty();
  }

  @Test
  void anInvalidScheduleInTheCatalog_isReportedOnceAndTheOthersRun() {
    List<ScheduledDefinition> definitions = List.of(definition(1, "61 1 * * *", T0), definition(2, "* * * * *", T0));

    schedule.load(definitions, T0, true, Map.of());
    schedule.load(definitions, T0, false, Map.of());

    assertThat(problems).singleElement().asString()
        .contains("definition 1").contains("\"61 1 * * *\"").contains("does not run until it is fixed");
    assertThat(schedule.due(T0.plusSeconds(60))).extracting(Schedule.Due::definitionId).containsExactly(2L);
  }

  @Test
  void aStoppedDefinition_orAChangedSchedule_takesEffectOnReload() {
    schedule.load(List.of(definition(1, "0 2 * * *", T0)), T0, false, Map.of());
    ScheduledDefinition stopped = new ScheduledDefinition(1, "pg1", CronSpec.parse("0 2 * * *"), false, T0);
    schedule.load(List.of(stopped), T0, false, Map.of());
    assertThat(schedule.size()).isZero();

    schedule.load(List.of(definition(1, "30 1 * * *", T0)), T0, false, Map.of());
    assertThat(schedule.next()).contains(Instant.parse("2026-03-02T01:30:00Z"));
  }
}
