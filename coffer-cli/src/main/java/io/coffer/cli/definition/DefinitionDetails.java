package io.coffer.cli.definition;

import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.retention.Expire;
import io.coffer.cli.session.Details;
import io.coffer.cli.session.Rows;
import io.coffer.cli.session.Text;
import java.util.List;

/** How definitions are shown. */
final class DefinitionDetails {

  private DefinitionDetails() {}

  static Rows rows(List<Definition> definitions) {
    Rows rows = new Rows("ID", "NODE", "DATABASES", "KIND", "SCHEDULE", "LEVELS", "RETENTION", "VOLUME", "AGENT",
        "STATUS").alignRight(0);
    for (Definition d : definitions) {
      rows.add(d.id(), d.node(), d.databases().toString(), d.kind(), d.schedule().toString(), d.levels().toString(),
          d.retention() + " / " + d.redundancy(), d.volume(), d.agent(), status(d));
    }
    return rows;
  }

  static Details of(Definition d) {
    return new Details()
        .add("Id", d.id())
        .add("Node", d.node())
        .add("Databases", d.databases().toString())
        .add("Agent", d.agent())
        .add("Volume", d.volume())
        .add("Schedule (cron)", d.schedule().toString())
        .add("Kind", d.kind())
        .add("Level plan", d.levels().toString())
        .add("Retention period", d.retention().toString())
        .add("Retention redundancy", d.redundancy().count())
        .add("Expire", d.expire().map(Expire::toString).orElse(""))
        .add("Keep daily/weekly/monthly/yearly", d.keep().daily() + "/" + d.keep().weekly() + "/" + d.keep().monthly()
            + "/" + d.keep().yearly())
        .add("Extra parameters", d.extraParameters())
        .add("Quiesce", d.files().quiesce().isEmpty() ? "the node's" : d.files().quiesce())
        .add("On change", d.files().onChange().isEmpty() ? "the node's" : d.files().onChange())
        .add("Force unquiesced", d.files().forceUnquiesced() ? "yes" : "no")
        .add("Verify every", d.verifyEvery() == 0 ? "never" : d.verifyEvery() + " backups")
        .add("Status", status(d))
        .add("Remarks", d.remarks())
        .add("Registered", Text.time(d.createdAt()))
        .add("Updated", Text.time(d.updatedAt()));
  }

  private static String status(Definition d) {
    return d.paused() && d.status() == io.coffer.catalog.definition.DefinitionStatus.ACTIVE
        ? "STOPPED (node DOWN)" : d.status().name();
  }
}
