package io.coffer.cli.oneoff;

import io.coffer.catalog.oneoff.Oneoff;
import io.coffer.catalog.retention.Expire;
import io.coffer.cli.session.Details;
import io.coffer.cli.session.Rows;
import io.coffer.cli.session.Text;
import java.util.List;

/** How one-offs are shown. */
final class OneoffDetails {

  private OneoffDetails() {}

  static Rows rows(List<Oneoff> oneoffs) {
    Rows rows = new Rows("ID", "AT", "NODE", "DATABASES", "KIND", "TAG", "RETENTION", "VOLUME", "AGENT", "STATUS")
        .alignRight(0);
    for (Oneoff o : oneoffs) {
      rows.add(o.id(), Text.time(o.runAt()), o.node(), o.databases().toString(), o.kind(), o.tag(),
          o.retention().toString(), o.volume(), o.agent(), o.status());
    }
    return rows;
  }

  static Details of(Oneoff o) {
    return new Details()
        .add("Id", o.id())
        .add("Run at", Text.time(o.runAt()))
        .add("Node", o.node())
        .add("Databases", o.databases().toString())
        .add("Kind", o.kind())
        .add("Tag", o.tag())
        .add("Agent", o.agent())
        .add("Volume", o.volume())
        .add("Retention period", o.retention().toString())
        .add("Expire", o.expire().map(Expire::toString).orElse(""))
        .add("Extra parameters", o.extraParameters())
        .add("Status", o.status())
        .add("Remarks", o.remarks())
        .add("Registered", Text.time(o.createdAt()));
  }
}
