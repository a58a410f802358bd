package io.coffer.source;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a driver reports, for assertions. */
public class Listener implements SourceListener {

  public final List<String> warnings = new CopyOnWriteArrayList<>();
  public final List<String> infos = new CopyOnWriteArrayList<>();
  public final List<RestorePlan> plans = new CopyOnWriteArrayList<>();

  @Override
  public void planned(RestorePlan plan) {
    plans.add(plan);
  }

  @Override
  public void info(String message) {
    infos.add(message);
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
  }
}
