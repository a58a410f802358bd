package io.coffer.cli.backup;

import io.coffer.catalog.verification.Verification;
import io.coffer.catalog.verification.VerificationScope;
import io.coffer.catalog.verification.VerificationStatus;
import io.coffer.cli.session.Text;
import io.coffer.source.SourceListener;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** A verification as people and scripts read it, the same in {@code backup verify}, {@code run} and {@code show}. */
final class VerificationText {

  private VerificationText() {}

  /** One line: status, where, what was checked; the differences follow on their own lines. */
  static String summary(Verification v) {
    StringBuilder line = new StringBuilder("[").append(v.status()).append("] verification ").append(v.id())
        .append(" of backup ").append(v.backupId()).append(" on node ").append(v.node() == null ? "(removed)" : v.node())
        .append(": ").append(checked(v));
    if (v.duration() != null) {
      line.append(" in ").append(Text.duration(v.duration()));
    }
    if (!v.differences().isEmpty()) {
      line.append("; ").append(v.differences().size()).append(v.differences().size() == 1 ? " difference:" : " differences:");
      v.differences().forEach(d -> line.append("\n  ").append(d));
    }
    if (!v.error().isEmpty()) {
      line.append(v.differences().isEmpty() ? "; " : "\n  ").append("error: ").append(v.error());
    }
    if (v.status() != VerificationStatus.RUNNING && !v.scratchDatabases().isEmpty()) {
      line.append(v.differences().isEmpty() && v.error().isEmpty() ? "; " : "\n  ")
          .append("scratch databases removed: ").append(String.join(", ", v.scratchDatabases()));
    }
    return line.toString();
  }

  /** What was compared: tables and rows, or for a SCHEMA backup only that its schema loads. */
  static String checked(Verification v) {
    if (v.scope() == VerificationScope.SCHEMA) {
      return "schema only (a SCHEMA backup holds no rows): " + v.tablesChecked() + " tables restored";
    }
    if (v.scope() == VerificationScope.FILES) {
      return v.tablesChecked() + " files, " + v.rowsChecked() + " bytes read back and compared with the backup";
    }
    return v.tablesChecked() + " tables, " + v.rowsChecked() + " rows compared with the backup";
  }

  /** The short form for {@code backup show}: status, when, where, what. */
  static String brief(Verification v) {
    return v.status() + " " + Text.time(v.startedAt()) + " on " + (v.node() == null ? "(removed node)" : v.node())
        + ": " + checked(v);
  }

  static Map<String, Object> fields(Verification v) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", v.id());
    fields.put("backup", v.backupId());
    fields.put("status", v.status());
    fields.put("node", v.node());
    fields.put("scope", v.scope());
    fields.put("scratch-databases", v.scratchDatabases());
    fields.put("tables", v.tablesChecked());
    fields.put("rows", v.rowsChecked());
    fields.put("differences", v.differences());
    fields.put("error", v.error());
    fields.put("started", Text.time(v.startedAt()));
    fields.put("seconds", v.duration() == null ? null : v.duration().toMillis() / 1000.0);
    return fields;
  }

  /** What the engine says while verifying, for people: each member as it is restored; warnings always. */
  static SourceListener listener(PrintWriter out, PrintWriter err, boolean quiet) {
    return new SourceListener() {
      @Override
      public void info(String message) {
        if (!quiet && (message.startsWith("restoring ") || message.startsWith("re-reading "))) {
          out.println(message);
          out.flush();
        }
      }

      @Override
      public void warn(String message) {
        err.println("coffer: warning: " + message);
        err.flush();
      }
    };
  }
}
