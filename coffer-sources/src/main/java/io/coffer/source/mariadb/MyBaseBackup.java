package io.coffer.source.mariadb;

import io.coffer.model.Engine;
import io.coffer.source.PhysicalReport;
import io.coffer.source.PhysicalRequest;
import io.coffer.source.RecordingSink;
import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamSink;
import io.coffer.source.Versions;
import io.coffer.source.process.Cancellation;
import io.coffer.source.process.ChildProcess;
import io.coffer.source.process.Command;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One PHYSICAL backup of a MariaDB server: {@code mariadb-backup --backup --stream=xbstream} run on
 * the server's host, its output stored as the one stream {@value #STREAM}. mariadb-backup copies the
 * InnoDB files while it follows the redo log, then takes a short backup lock to copy the other
 * engines' files (Aria, MyISAM) and the log's end: prepared, the copy is the server as of that
 * point. The checkpoints file it writes beside the stream ({@code --extra-lsndir}) gives the LSNs the
 * report records. The password reaches it through a 0600 defaults file, never its arguments.
 *
 * <p>At a level above 0 the copy is an increment on the parent backup: {@code --incremental-lsn}
 * with the parent's {@code to_lsn} (its last checkpoint, which mariadb-backup's own
 * {@code --incremental-basedir} would read) makes it stream only the InnoDB pages changed since
 * then ({@code .delta} and {@code .meta} files; it still reads every page to compare its LSN); the other engines' files are copied whole. The report
 * names the parent's manifest, which a restore writes first. A parent that cannot carry an increment
 * (no LSN recorded, another server version, a log that is behind it) makes the level a full copy,
 * and the log says why.
 */
final class MyBaseBackup {

  static final String STREAM = "mariadb-backup.xbstream";
  /** Details: the checkpoints file's LSNs; {@code from_lsn} is 0 for a full copy. */
  static final String FROM_LSN = "from_lsn";
  static final String TO_LSN = "to_lsn";

  private final PhysicalRequest request;
  private final MyTools tools;

  MyBaseBackup(PhysicalRequest request, MyTools tools) {
    this.request = request;
    this.tools = tools;
  }

  PhysicalReport run(StreamSink sink, SourceListener listener) throws IOException {
    String server = "MariaDB node " + request.node().label();
    RecordingSink streams = new RecordingSink(sink, listener);
    try (MyConnector connector = new MyConnector(request.node())) {
      String version;
      String dataDirectory;
      List<String> databases;
      long serverLsn;
      try (Connection c = connector.open(null)) {
        version = MyBackup.serverVersion(c);
        dataDirectory = request.dataDirectory() != null ? request.dataDirectory().toString() : variable(c, "datadir");
        databases = MyBackup.databases(c);
        serverLsn = lsn(c);
      } catch (SQLException e) {
        throw connector.failure(e, null);
      }
      Path dir = Path.of(dataDirectory);
      requireDataDirectory(dir, server);
      String toolVersion = tools.backupVersion();
      requireSameVersion(version, toolVersion, server);
      String base = request.parent() == null ? null : incrementalLsn(request.parent(), version, serverLsn, listener);
      Path lsnDir = Files.createTempDirectory("coffer-mariadb-backup-");
      try {
        List<String> argv = new ArrayList<>();
        argv.add(tools.backup().toString());
        argv.addAll(connector.connectionArguments());
        argv.addAll(List.of("--backup", "--stream=xbstream", "--datadir=" + dir, "--target-dir=" + lsnDir,
            "--extra-lsndir=" + lsnDir));
        if (base != null) {
          argv.add("--incremental-lsn=" + base);
        }
        Instant started = Instant.now();
        listener.info("mariadb-backup streams " + dir + " of " + server + (base == null ? ""
            : ": the InnoDB pages changed since LSN " + base + " (parent backup " + request.parent().backupId()
                + ") and the other engines' files"));
        try (OutputStream out = streams.create(STREAM)) {
          ChildProcess.run(new Command("mariadb-backup of " + server, argv), null, out, new Cancellation());
        }
        Map<String, String> checkpoints = checkpoints(lsnDir.resolve("xtrabackup_checkpoints"));
        String start = checkpoints.getOrDefault(TO_LSN, "");
        String stop = checkpoints.getOrDefault("last_lsn", "");
        listener.info("mariadb-backup copied the server as of InnoDB LSN " + stop);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("data_directory_owner", Files.getOwner(dir).getName());
        details.put(TO_LSN, start);
        details.put(FROM_LSN, checkpoints.getOrDefault(FROM_LSN, "0"));
        String consistency = "InnoDB copied while its redo log was followed from checkpoint LSN " + start + " to "
            + stop + ", the other engines' files under a backup lock at the end; prepared, every database is as of"
            + " that end";
        if (base != null) {
          details.put(PhysicalReport.INCREMENT_OF_BACKUP, Long.toString(request.parent().backupId()));
          details.put(PhysicalReport.INCREMENT_OF_MANIFEST, request.parent().manifestId());
          consistency = "mariadb-backup increment on backup " + request.parent().backupId() + " from LSN " + base
              + " to " + stop + ": only the InnoDB pages changed since LSN " + base + " stored, " + consistency
              + " once the chain's full copy and increments are prepared in order";
        } else {
          consistency = "mariadb-backup: " + consistency;
        }
        return new PhysicalReport(Engine.MARIADB, request.node().label(), version, toolVersion, dir.toString(),
            started, Instant.now(), consistency, start, stop, databases, null, List.of(), streams.streams(), 0,
            details);
      } finally {
        remove(lsnDir);
      }
    }
  }

  /**
   * The parent's {@code to_lsn}, from which the copy reads the changed pages; null, said in the log,
   * when the parent cannot carry an increment and the level is a full copy.
   */
  private static String incrementalLsn(PhysicalRequest.Parent parent, String version, long serverLsn,
      SourceListener listener) {
    String name = "parent backup " + parent.backupId();
    PhysicalReport report = parent.report();
    String why = null;
    long lsn = report.engine() == Engine.MARIADB ? toLsn(report) : -1;
    if (report.engine() != Engine.MARIADB) {
      why = name + " is not a MariaDB PHYSICAL backup";
    } else if (lsn <= 0) {
      why = name + " recorded no InnoDB LSN (made before increments were recorded)";
    } else if (!major(report.serverVersion()).equals(major(version))) {
      why = name + " is of MariaDB " + report.serverVersion() + " and the server now runs " + version;
    } else if (serverLsn < lsn) {
      why = "the server's redo log (LSN " + serverLsn + ") is behind the LSN of " + name + " (" + lsn
          + "): not the same server's history";
    }
    if (why != null) {
      listener.warn(why + ": this level is a full copy");
      return null;
    }
    return Long.toString(lsn);
  }

  /**
   * The checkpoint LSN a backup's increment starts from: recorded as {@value #TO_LSN}, and as the
   * report's start before that detail existed (the same number); -1 when neither holds one.
   */
  static long toLsn(PhysicalReport report) {
    String recorded = report.detail(TO_LSN) != null ? report.detail(TO_LSN) : report.start();
    try {
      return recorded == null || recorded.isBlank() ? -1 : Long.parseLong(recorded.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String major(String version) {
    return Versions.dotted(version == null ? "" : version).replaceAll("^(\\d+\\.\\d+).*", "$1");
  }

  private static long lsn(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_lsn_current'")) {
      return r.next() ? Long.parseLong(r.getString(2)) : Long.MAX_VALUE;
    }
  }

  private static String variable(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT @@" + name)) {
      r.next();
      return r.getString(1);
    }
  }

  /** mariadb-backup reads the files here: the directory must be a MariaDB data directory on this host. */
  private static void requireDataDirectory(Path dir, String server) throws SourceException {
    if (!Files.isDirectory(dir.resolve("mysql")) || !Files.exists(dir.resolve("ibdata1"))
        && !Files.exists(dir.resolve("ib_logfile0"))) {
      throw new SourceException(Reason.INVALID_REQUEST, "data directory " + dir + " of " + server + " is not a MariaDB"
          + " data directory on this host (no mysql/ and no ibdata1 or ib_logfile0): a PHYSICAL backup reads the"
          + " files, so it must run on the server's host, with --data-directory where the server reports another"
          + " path");
    }
  }

  /** mariadb-backup refuses, or worse misreads, the files of another server version; say so up front. */
  private static void requireSameVersion(String serverVersion, String toolVersion, String server)
      throws SourceException {
    String major = major(serverVersion);
    if (!toolVersion.contains(" " + major + ".")) {
      throw new SourceException(Reason.INVALID_REQUEST, server + " runs MariaDB " + serverVersion + ", but the"
          + " installed tool is '" + toolVersion + "': mariadb-backup must be of the server's version " + major);
    }
  }

  private static Map<String, String> checkpoints(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return values;
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    p.forEach((k, v) -> values.put(k.toString().strip(), v.toString().strip()));
    return values;
  }

  static void remove(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
