package io.coffer.cli.restore;

import io.coffer.source.RestorePlan;
import io.coffer.source.SourceListener;
import java.io.PrintWriter;

/** Shows a restore's plan before it is carried out (not in JSON or CSV), and the driver's warnings. */
public final class PlanPrinter implements SourceListener {

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean showPlan;

  public PlanPrinter(PrintWriter out, PrintWriter err, boolean showPlan) {
    this.out = out;
    this.err = err;
    this.showPlan = showPlan;
  }

  @Override
  public void planned(RestorePlan plan) {
    if (showPlan) {
      out.print(plan.render());
      out.flush();
    }
  }

  @Override
  public void warn(String message) {
    err.println("coffer: warning: " + message);
    err.flush();
  }
}
