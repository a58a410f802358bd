package io.coffer.engine.restore;

import static io.coffer.catalog.restore.RestoreOption.AS_TIMESTAMPED;
import static io.coffer.catalog.restore.RestoreOption.DROP_EXISTING;
import static io.coffer.catalog.restore.RestoreOption.RENAME_EXISTING;
import static io.coffer.catalog.restore.RestoreOption.TARGET_DATABASE;
import static io.coffer.catalog.restore.RestoreOption.TERMINATE_CONNECTIONS;

import io.coffer.catalog.restore.RestoreRefusal;
import io.coffer.source.ClientSession;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.TargetException;
import java.util.List;

/**
 * A restore refused because of its target database: which database on which node, and the options
 * that would let it go on, in the names of the interface it reaches ({@link RestoreRefusal}).
 */
public final class TargetRefusal extends RestoreRefusal {

  private static final long serialVersionUID = 1L;

  private TargetRefusal(String database, String text) {
    super(TARGET_DATABASE, database, worded(text));
  }

  static TargetRefusal of(TargetException e, String node, RestoreOrder order) {
    if (e.reason() == Reason.TARGET_IN_USE) {
      List<ClientSession> sessions = e.sessions();
      String them = sessions.size() == 1 ? "it" : "them";
      String holders = String.join(", ", sessions.stream().map(ClientSession::toString).toList());
      if (!e.endable()) {
        return new TargetRefusal(e.database(), "database " + e.database() + " on " + node + " is held open by "
            + (sessions.size() == 1 ? "1 process" : sessions.size() + " processes") + ": " + holders
            + "; stop " + them + " first (Coffer ends no program's process; " + TERMINATE_CONNECTIONS + " does not"
            + " apply): a program holding the file would go on writing to the old one");
      }
      return new TargetRefusal(e.database(), "database " + e.database() + " on " + node + " is in use by "
          + (sessions.size() == 1 ? "1 session" : sessions.size() + " sessions") + ": " + holders
          + "; close " + them + ", or give " + TERMINATE_CONNECTIONS + " to end " + them + " first");
    }
    String others = RENAME_EXISTING + ", " + DROP_EXISTING + (order.isTimestamped() ? "" : ", " + AS_TIMESTAMPED)
        + " or another " + TARGET_DATABASE;
    return new TargetRefusal(e.database(), "database " + e.database() + " exists on " + node + "; choose " + others);
  }
}
