package io.coffer.source;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a driver reports, for assertions. */
public class Listener implements SourceListener {

  public final List<String> warnings = new CopyOnWriteArrayList<>();
  public final List<String> infos = new CopyOnWriteArrayList<>();
  public final List<RestorePlan> plans = new CopyOnWriteArrayList<>();
  public final List<Long> expected = new CopyOnWriteArrayList<>();
  public final List<String> progress = new CopyOnWriteArrayList<>();

  @Override
  public void expected(long bytes) {
    expected.add(bytes);
  }

  @Override
  public void progress(String stream, long bytes) {
    progress.add(stream + "=" + bytes);
  }

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
