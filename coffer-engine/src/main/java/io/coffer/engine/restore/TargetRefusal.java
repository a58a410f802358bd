package io.coffer.engine.restore;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.source.ClientSession;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.TargetException;
import java.util.List;

/**
 * A restore refused because of its target database, in the words of {@code restore run}: which
 * database on which node, and the options that would let it go on.
 */
public final class TargetRefusal extends CatalogValidationException {

  private static final long serialVersionUID = 1L;

  private TargetRefusal(String database, String message) {
    super("target-database", database, worded(message));
  }

  static TargetRefusal of(TargetException e, String node, RestoreOrder order) {
    if (e.reason() == Reason.TARGET_IN_USE) {
      List<ClientSession> sessions = e.sessions();
      String them = sessions.size() == 1 ? "it" : "them";
      String holders = String.join(", ", sessions.stream().map(ClientSession::toString).toList());
      if (!e.endable()) {
        return new TargetRefusal(e.database(), "database " + e.database() + " on " + node + " is held open by "
            + (sessions.size() == 1 ? "1 process" : sessions.size() + " processes") + ": " + holders
            + "; stop " + them + " first (Coffer ends no program's process; --terminate-connections does not"
            + " apply): a program holding the file would go on writing to the old one");
      }
      return new TargetRefusal(e.database(), "database " + e.database() + " on " + node + " is in use by "
          + (sessions.size() == 1 ? "1 session" : sessions.size() + " sessions") + ": " + holders
          + "; close " + them + ", or give --terminate-connections to end " + them + " first");
    }
    String others = order.isTimestamped() ? "--rename-existing, --drop-existing or another --target-database"
        : "--rename-existing, --drop-existing, --as-timestamped or another --target-database";
    return new TargetRefusal(e.database(), "database " + e.database() + " exists on " + node + "; choose " + others);
  }
}
