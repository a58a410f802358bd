package io.coffer.engine.restore;

import io.coffer.model.Host;
import java.util.Optional;

/**
 * Where the directories of a FILES or PHYSICAL restore are checked: whether each is new or empty
 * (a default {@code <name>_<backup time>} sibling included), whether a process uses it, whether its
 * filesystem has room. Those are facts of one host, so they are checked where the restore is
 * planned only when that is the host that will write: a restore written here ({@code restore run},
 * an agent carrying out its scheduled restore), or queued for an agent that runs on this host (its
 * recorded host identity is this one's). A restore queued for an agent on another host is not
 * refused for what this host sees; that agent checks its own directories before it writes anything,
 * as it does for every restore it carries out. When no agent or no host of the agent is known, the
 * checks are made here, as the best knowledge there is, and the plan says so.
 *
 * @param here whether the checks are made where the plan is made
 * @param writer the agent that writes the directories, for the plan's notes ("agent backup01");
 *     null when this process writes them
 * @param note what the plan says about where the directories were, or will be, checked
 */
record DirectoryChecks(boolean here, String writer, String note) {

  private static final String CHECKS = " (new or empty, no process using them, free space)";
  private static final String AGAIN = " checks them again on its own host before it writes anything";

  /** The process that plans the restore also writes it. */
  static DirectoryChecks writtenHere() {
    return new DirectoryChecks(true, null, checkedHere("where the restore writes them"));
  }

  /**
   * A restore queued for {@code agent}, whose host the catalog knows by {@code hostIdentity} (empty
   * when the agent has not run since it was added).
   */
  static DirectoryChecks byAgent(String agent, Optional<String> hostIdentity) {
    String writer = "agent " + agent;
    if (hostIdentity.isEmpty()) {
      return new DirectoryChecks(true, writer, "the host of " + writer + " is not known (it has not run since it was"
          + " added): " + checkedHere("where the plan was made") + "; " + writer + AGAIN);
    }
    if (Host.isThis(hostIdentity.get())) {
      return new DirectoryChecks(true, writer, checkedHere("where " + writer + " runs") + "; it checks them again"
          + " before it writes anything");
    }
    return new DirectoryChecks(false, writer, "the directories were not checked here (host " + Host.name() + "): "
        + writer + " checks them on its host " + Host.nameOf(hostIdentity.get()) + CHECKS + " before it writes"
        + " anything; a refusal there fails the restore's job, and nothing is written");
  }

  /** A restore planned for an agent not known yet: the backup names none and none was given. */
  static DirectoryChecks noAgent(long backupId) {
    String writer = "the agent that carries it out";
    return new DirectoryChecks(true, writer, "no agent is known to carry the restore out (backup " + backupId
        + " names none): " + checkedHere("where the plan was made") + "; " + writer + AGAIN);
  }

  private static String checkedHere(String where) {
    return "the directories were checked on host " + Host.name() + ", " + where + CHECKS;
  }

  /**
   * Whose files the restore makes, for the plan's notes: as recorded when the writing process runs
   * as root, which is known only of this process ({@code root}).
   */
  String owners(boolean root) {
    if (writer != null) {
      return "owners and groups as recorded if " + writer + " runs as root, else files owned by the user it runs as";
    }
    return root ? "owners and groups as recorded (running as root)"
        : "files owned by the restoring user (not root: recorded owners cannot be given)";
  }
}
