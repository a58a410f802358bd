package io.coffer.cli.definition;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.retention.KeepPolicy;
import picocli.CommandLine.Option;

/** How a definition backs up and how long it keeps backups; shared by add and update. */
final class PolicyOptions {

  @Option(names = "--kind", paramLabel = "KIND", description = "FULL, SCHEMA, DATA, CLUSTER, ...: a kind the node's engine makes; another is refused, naming the kinds it accepts.")
  String kind;

  @Option(names = "--level-plan", paramLabel = "0,1,…", description = "Levels of successive runs, e.g. 0,1,1,1,1,1,1.")
  String levelPlan;

  @Option(names = "--retention", paramLabel = "PERIOD", description = "How long backups are kept, e.g. \"14d\", \"2 weeks\" or \"1w 3d\".")
  String retention;

  @Option(names = "--redundancy", paramLabel = "N", description = "Successful backups kept whatever their age (≥ 1).")
  String redundancy;

  @Option(names = "--expire", paramLabel = "EXPIRE", description = "Expire each backup after e.g. \"1w 3d 4h\" or \"10 days\".")
  String expire;

  @Option(names = "--keep-daily", paramLabel = "N",
      description = "Also keep the newest backup of each of the last N days that have one.")
  Integer keepDaily;

  @Option(names = "--keep-weekly", paramLabel = "N",
      description = "Also keep the newest backup of each of the last N weeks that have one.")
  Integer keepWeekly;

  @Option(names = "--keep-monthly", paramLabel = "N",
      description = "Also keep the newest backup of each of the last N months that have one.")
  Integer keepMonthly;

  @Option(names = "--keep-yearly", paramLabel = "N",
      description = "Also keep the newest backup of each of the last N years that have one.")
  Integer keepYearly;

  @Option(names = "--extra-parameters", paramLabel = "TEXT",
      description = "Options for the node's dump tool, e.g. \"--no-owner\"; checked against what its driver accepts.")
  String extraParameters;

  @Option(names = "--verify-every", paramLabel = "N", description = "Verify every N-th backup by restoring it; 0 never.")
  String verifyEvery;

  @Option(names = "--status", paramLabel = "ACTIVE|STOPPED",
      description = "ACTIVE runs on schedule; STOPPED keeps it without running it.")
  String status;

  @Option(names = "--remarks", paramLabel = "TEXT",
      description = "A free-text note shown by definition show.")
  String remarks;

  boolean keepGiven() {
    return keepDaily != null || keepWeekly != null || keepMonthly != null || keepYearly != null;
  }

  KeepPolicy keep(KeepPolicy current) {
    return new KeepPolicy(keepDaily != null ? keepDaily : current.daily(), keepWeekly != null ? keepWeekly
        : current.weekly(), keepMonthly != null ? keepMonthly : current.monthly(),
        keepYearly != null ? keepYearly : current.yearly());
  }

  static int number(String field, String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new CatalogValidationException(field, text, "a whole number");
    }
  }

  static boolean given(String text) {
    return text != null && !text.isBlank();
  }
}
