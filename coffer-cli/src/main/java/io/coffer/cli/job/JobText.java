package io.coffer.cli.job;

import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobProgress;
import io.coffer.cli.output.Bytes;
import io.coffer.cli.session.Details;
import io.coffer.cli.session.Rows;
import io.coffer.cli.session.Text;
import java.util.List;
import java.util.Locale;

/** How jobs and their live progress are shown, the same in {@code job} and {@code backup} commands. */
public final class JobText {

  private JobText() {}

  /** {@code 42.0%}, or empty while the total is not known. */
  public static String percent(JobProgress p) {
    return p.bytesTotal() <= 0 && p.percent() == 0 ? "" : String.format(Locale.ROOT, "%.1f%%", p.percent());
  }

  /** {@code 1.2 GiB of 2.9 GiB} or {@code 1.2 GiB} while the total is not known. */
  public static String read(JobProgress p) {
    return Bytes.format(p.bytesDone()) + (p.bytesTotal() > 0 ? " of ~" + Bytes.format(p.bytesTotal()) : "");
  }

  public static String rate(JobProgress p) {
    return p.bytesPerSecond() <= 0 ? "" : Bytes.format(p.bytesPerSecond()) + "/s";
  }

  public static String eta(JobProgress p) {
    return p.eta().map(Text::duration).orElse("");
  }

  /** One row per job, newest first, for {@code job list}. */
  public static Rows rows(List<Job> jobs) {
    Rows rows = new Rows("ID", "TYPE", "STATE", "AGENT", "CLAIMED BY", "SUBJECT", "PROGRESS", "PHASE", "CREATED",
        "FINISHED", "ERROR").alignRight(0, 6);
    for (Job j : jobs) {
      rows.add(j.id(), j.type(), j.state(), j.agent() == null ? "any" : j.agent(),
          j.claimedBy() == null ? "" : j.claimedBy(), subject(j), percent(j.progress()), j.progress().phase(),
          Text.time(j.createdAt()), Text.time(j.finishedAt()), j.error());
    }
    return rows;
  }

  /** What a job is about, in words: {@code definition 4, backup 17}. */
  public static String subject(Job j) {
    StringBuilder text = new StringBuilder();
    append(text, "definition", j.subject().definitionId());
    append(text, "one-off", j.subject().oneoffId());
    append(text, "scheduled restore", j.subject().restoreDefinitionId());
    append(text, "backup", j.subject().backupId());
    if (j.subject().node() != null) {
      text.append(text.length() == 0 ? "" : ", ").append("node ").append(j.subject().node());
    }
    return text.toString();
  }

  private static void append(StringBuilder text, String what, Long id) {
    if (id != null) {
      text.append(text.length() == 0 ? "" : ", ").append(what).append(' ').append(id);
    }
  }

  /** Everything about one job, for {@code job show}. */
  public static Details details(Job j) {
    return progress(new Details()
        .add("Job id", j.id())
        .add("Type", j.type())
        .add("State", j.state())
        .add("Subject", subject(j))
        .add("Agent", j.agent() == null ? "any" : j.agent())
        .add("Claimed by", j.claimedBy() == null ? "" : j.claimedBy())
        .add("Process", j.lease().runnerPid() == null ? "" : "pid " + j.lease().runnerPid() + " on "
            + j.lease().runnerHost())
        .add("Attempt", j.attempt())
        .add("Schedule key", j.scheduleKey() == null ? "" : j.scheduleKey())
        .add("Created", Text.time(j.createdAt()))
        .add("Claimed", Text.time(j.claimedAt()))
        .add("Last heartbeat", Text.time(j.lease().heartbeatAt()))
        .add("Lease until", Text.time(j.lease().expiresAt()))
        .add("Finished", Text.time(j.finishedAt()))
        .add("Abort requested", j.abortRequested() ? "yes" : "no"), j)
        .add("Error", j.error());
  }

  /** The live progress lines of a job, added to {@code details}. */
  public static Details progress(Details details, Job j) {
    JobProgress p = j.progress();
    return details
        .add("Phase", p.phase())
        .add("Progress", percent(p))
        .add("Read", read(p))
        .add("Rate", rate(p))
        .add("Time left", eta(p))
        .add("Reading", p.current());
  }
}
