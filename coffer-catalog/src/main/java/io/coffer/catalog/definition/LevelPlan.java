package io.coffer.catalog.definition;

import io.coffer.catalog.CatalogValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The levels a definition's runs take, in a cycle: {@code 0} makes every run a full backup; {@code
 * 0,1,1,1,1,1,1} a full backup then six incrementals, again and again. A cycle starts at level 0,
 * so every incremental has a lower level to build on.
 */
public final class LevelPlan {

  public static final String FIELD = "level-plan";
  public static final LevelPlan FULL_ONLY = new LevelPlan(List.of(0));
  private static final String ACCEPTED =
      "levels 0-9 separated by commas, starting with 0, at most 64, e.g. \"0\" or \"0,1,1,1,1,1,1\"";

  private final List<Integer> levels;

  private LevelPlan(List<Integer> levels) {
    this.levels = List.copyOf(levels);
  }

  public static LevelPlan parse(String text) {
    String[] parts = text == null ? new String[0] : text.strip().split("\\s*[, ]\\s*");
    List<Integer> levels = new ArrayList<>();
    for (String part : parts) {
      if (part.length() != 1 || !Character.isDigit(part.charAt(0))) {
        throw new CatalogValidationException(FIELD, text, ACCEPTED);
      }
      levels.add(Integer.parseInt(part));
    }
    if (levels.isEmpty() || levels.size() > 64 || levels.get(0) != 0) {
      throw new CatalogValidationException(FIELD, text, ACCEPTED);
    }
    return new LevelPlan(levels);
  }

  /** The level of the definition's {@code run}-th backup, counting from 0. */
  public int levelOfRun(long run) {
    return levels.get((int) Math.floorMod(run, (long) levels.size()));
  }

  public List<Integer> levels() {
    return levels;
  }

  @Override
  public String toString() {
    return levels.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LevelPlan that && levels.equals(that.levels);
  }

  @Override
  public int hashCode() {
    return levels.hashCode();
  }
}
