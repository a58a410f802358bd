package io.coffer.engine.agent;

import io.coffer.catalog.definition.ScheduledDefinition;
import io.coffer.catalog.schedule.CronSpec;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * When an agent's definitions are due, kept in memory between reloads: the next fire time of each
 * ACTIVE definition. Pure logic over the times it is given, so tests drive it with a clock of their
 * own.
 *
 * <p>Rules. A definition is due at each time its cron names; if the agent was busy or paused past
 * several of them, it is due once (at the latest), never a burst. When the agent starts, a
 * definition whose last scheduled time passed while no run was queued for it (the agent was down)
 * is due once, at once, as a missed run. A schedule that cannot be evaluated (an invalid cron left
 * by an older version) is reported once and that definition alone is not run.
 *
 * <p>Shape. Each definition's next fire time is computed once (at load, and again only when it
 * fires) and kept in a priority queue ordered by that time, so that finding what is due costs the
 * due definitions alone, whatever the agent's ten thousand others, and the agent can sleep exactly
 * until {@link #next()}. A definition reloaded with another schedule or dropped leaves its old
 * entry behind in the queue; an entry counts only while it is its definition's current one.
 */
final class Schedule {

  /** A run to queue: of a definition, for the time its schedule named. */
  record Due(long definitionId, String node, Instant fireTime, boolean missed) {

    String key() {
      return "definition " + definitionId + " at " + fireTime;
    }
  }

  private record Entry(ScheduledDefinition definition, Instant next) {}

  private final ZoneId zone;
  private final Consumer<String> problems;
  private final Map<Long, Entry> entries = new HashMap<>();
  private final PriorityQueue<Entry> queue = new PriorityQueue<>(Comparator.comparing(Entry::next)
      .thenComparingLong(e -> e.definition().id()));
  private final Set<String> reported = new HashSet<>();

  Schedule(ZoneId zone, Consumer<String> problems) {
    this.zone = zone;
    this.problems = problems;
  }

  /**
   * Takes the agent's definitions as they are now. Those already known keep their next fire time
   * unless their schedule changed; new ones start from {@code now}. On {@code startup}, each
   * definition whose last fire time before now is later than both its creation and its last
   * queued run ({@code lastQueued}) is returned as missed.
   */
  List<Due> load(List<ScheduledDefinition> definitions, Instant now, boolean startup, Map<Long, Instant> lastQueued) {
    Map<Long, Entry> previous = new HashMap<>(entries);
    entries.clear();
    queue.clear();
    List<Due> missed = new ArrayList<>();
    // Definitions share schedules (ten thousand of them name a few hundred distinct ones): each
    // distinct schedule is evaluated once per load. An invalid one maps to nothing and is reported.
    Map<CronSpec, Optional<Instant>> nextByCron = new HashMap<>();
    Map<CronSpec, Optional<Instant>> lastByCron = new HashMap<>();
    for (ScheduledDefinition definition : definitions) {
      if (!definition.active()) {
        continue;
      }
      Entry known = previous.get(definition.id());
      if (known != null && known.definition().schedule().equals(definition.schedule())) {
        put(new Entry(definition, known.next()));
        continue;
      }
      Optional<Instant> next = nextByCron.computeIfAbsent(definition.schedule(),
          cron -> evaluate(definition, () -> cron.nextAfter(now, zone)));
      if (next == null) {
        continue;
      }
      next.ifPresent(time -> put(new Entry(definition, time)));
      if (startup) {
        Optional<Instant> last = lastByCron.computeIfAbsent(definition.schedule(),
            cron -> evaluate(definition, () -> cron.lastBefore(now, zone)));
        Instant queued = lastQueued.get(definition.id());
        if (last != null && last.isPresent() && last.get().isAfter(definition.createdAt())
            && (queued == null || queued.isBefore(last.get()))) {
          missed.add(new Due(definition.id(), definition.node(), last.get(), true));
        }
      }
    }
    return missed;
  }

  /** The definitions due at {@code now}, each once, their next time moved past {@code now}. */
  List<Due> due(Instant now) {
    List<Due> due = new ArrayList<>();
    for (Entry entry = current(); entry != null && !entry.next().isAfter(now); entry = current()) {
      queue.poll();
      ScheduledDefinition definition = entry.definition();
      Instant fired = entry.next();
      // Fire times passed while the agent was busy are one run, not one each.
      Optional<Instant> latest = definition.schedule().lastBefore(now.plusMillis(1), zone);
      if (latest.isPresent() && latest.get().isAfter(fired)) {
        fired = latest.get();
      }
      due.add(new Due(definition.id(), definition.node(), fired, false));
      Optional<Instant> next = definition.schedule().nextAfter(now, zone);
      if (next.isPresent()) {
        put(new Entry(definition, next.get()));
      } else {
        entries.remove(definition.id());
      }
    }
    due.sort(Comparator.comparing(Due::fireTime).thenComparing(Due::definitionId));
    return due;
  }

  /** The earliest next fire time: how long the agent may sleep, and for tests. */
  Optional<Instant> next() {
    return Optional.ofNullable(current()).map(Entry::next);
  }

  int size() {
    return entries.size();
  }

  private void put(Entry entry) {
    entries.put(entry.definition().id(), entry);
    queue.add(entry);
  }

  /** The head of the queue once entries left behind by reloads and fired times are dropped. */
  private Entry current() {
    Entry head = queue.peek();
    while (head != null && entries.get(head.definition().id()) != head) {
      queue.poll();
      head = queue.peek();
    }
    return head;
  }

  /** Evaluates a schedule; null (after reporting it once) when it cannot be. */
  private Optional<Instant> evaluate(ScheduledDefinition definition, Supplier<Optional<Instant>> time) {
    try {
      return time.get();
    } catch (IllegalArgumentException e) {
      String problem = "definition " + definition.id() + ": its schedule \"" + definition.schedule()
          + "\" in the catalog is invalid (" + e.getMessage() + "); it does not run until it is fixed"
          + " (coffer definition update " + definition.id() + " --cron …)";
      if (reported.add(problem)) {
        problems.accept(problem);
      }
      return null;
    }
  }
}
