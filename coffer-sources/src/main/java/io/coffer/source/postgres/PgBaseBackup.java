package io.coffer.source.postgres;

import io.coffer.model.Engine;
import io.coffer.source.LinkedTree;
import io.coffer.source.PhysicalReport;
import io.coffer.source.PhysicalRequest;
import io.coffer.source.RecordingSink;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamSink;
import io.coffer.source.TreeSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One PHYSICAL backup of a PostgreSQL cluster, the way PostgreSQL documents a low-level base backup:
 * on one held connection, {@code pg_backup_start}, a copy of the data directory through the engine's
 * tree writer, {@code pg_backup_stop}, then the WAL from the start to the stop LSN and the backup
 * label it returns. A temporary replication slot, made before the start, keeps the server from
 * recycling that WAL during a long copy; it goes with the session. If anything fails the session is
 * closed, which ends the backup on the server.
 *
 * <p>Files change while they are read: that is expected, and why the WAL is kept (full-page writes,
 * forced on during a backup, make replaying it repair torn pages). They are counted, not warned about.
 */
final class PgBaseBackup {

  static final String TREE = "data";
  /** The trees of tablespaces outside the data directory are named this plus the tablespace's OID. */
  static final String TABLESPACE_TREE = "tablespace/";
  static final String LABEL = "backup_label";
  static final String TABLESPACE_MAP = "tablespace_map";
  static final String WAL = "pg_wal/";
  private static final Pattern START_FILE = Pattern.compile("START WAL LOCATION: \\S+ \\(file ([0-9A-F]{24})\\)");

  private final PhysicalRequest request;

  PgBaseBackup(PhysicalRequest request) {
    this.request = request;
  }

  PhysicalReport run(TreeSink trees, StreamSink sink, SourceListener listener) throws IOException {
    String server = "PostgreSQL node " + request.node().label();
    RecordingSink streams = new RecordingSink(sink, listener);
    try (PgConnector connector = new PgConnector(request.node());
        Connection c = connector.openMaintenance()) {
      Facts facts = Facts.read(c, server);
      PgDataDirectory dir = new PgDataDirectory(
          request.dataDirectory() != null ? request.dataDirectory() : Path.of(facts.dataDirectory));
      dir.requireServersOwn(facts.systemIdentifier, server);
      List<PgDataDirectory.Tablespace> tablespaces = dir.tablespaces(server);
      Set<String> links = tablespaces.stream().map(PgDataDirectory.Tablespace::link).collect(Collectors.toSet());
      Predicate<String> leaveOut = path -> PgDataDirectory.leaveOut(path) || links.contains(path);
      String slot = reserveWal(c, listener);
      String startLsn = query(c, "SELECT pg_backup_start(?, true)::text", "coffer " + Instant.now());
      Instant started = Instant.now();
      listener.info("pg_backup_start: WAL from " + startLsn + " is kept" + (slot == null ? "" : " (slot " + slot + ")"));
      listener.expected(dir.size() + tablespaces.stream().mapToLong(t -> PgDataDirectory.size(t.location(),
          t.leaveOut(facts.versionDirectory()))).sum());
      Events events = new Events();
      TreeSink.TreeWritten tree = trees.tree(TREE, dir.path(), leaveOut, events);
      events.requireReadable(dir.path());
      List<LinkedTree> linked = new ArrayList<>();
      for (PgDataDirectory.Tablespace t : tablespaces) {
        TreeSink.TreeWritten written = trees.tree(TABLESPACE_TREE + t.oid(), t.location(),
            t.leaveOut(facts.versionDirectory()), events);
        events.requireReadable(t.location());
        linked.add(new LinkedTree(facts.tablespaceNames.getOrDefault(t.oid(), t.oid()), t.link(),
            t.location().toString(), written));
        listener.info("tablespace " + linked.get(linked.size() - 1).name() + " (" + t.location() + "): "
            + written.files() + " files (" + written.bytes() + " bytes)");
      }
      String stopLsn;
      String label;
      String tablespaceMap;
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)")) {
        r.next();
        stopLsn = r.getString(1);
        label = r.getString(2);
        tablespaceMap = r.getString(3);
      }
      listener.info("pg_backup_stop: the copy is consistent once WAL up to " + stopLsn + " is replayed");
      List<String> segments = PgWalSegments.between(startSegment(label), query(c, "SELECT pg_walfile_name(?::pg_lsn)",
          stopLsn), facts.segmentSize);
      for (String segment : segments) {
        copyWal(dir.path().resolve("pg_wal").resolve(segment), facts.segmentSize, streams);
      }
      for (Path history : histories(dir.path().resolve("pg_wal"))) {
        copyWal(history, -1, streams);
      }
      write(streams, LABEL, label);
      if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
        write(streams, TABLESPACE_MAP, tablespaceMap);
      }
      if (slot != null) {
        query(c, "SELECT pg_drop_replication_slot(?)::text", slot);
      }
      listener.info("copied " + tree.files() + " files (" + tree.bytes() + " bytes" + (tree.reused() == 0 ? ""
          : ", " + tree.reused() + " files unchanged since the parent backup and not read") + ") and " + segments.size()
          + " WAL segments; " + events.changed.get() + " files changed while read, repaired by the WAL on start");
      Map<String, String> details = new LinkedHashMap<>();
      details.put("system_identifier", Long.toUnsignedString(facts.systemIdentifier));
      details.put("wal_segment_size", Long.toString(facts.segmentSize));
      details.put("data_directory_owner", Files.getOwner(dir.path()).getName());
      facts.outsideFiles(dir.path()).forEach(details::put);
      return new PhysicalReport(Engine.POSTGRESQL, request.node().label(), facts.version,
          "pg_backup_start/pg_backup_stop", dir.path().toString(), started, Instant.now(),
          "pg_backup_start/pg_backup_stop on one session: the copy plus the WAL from " + startLsn + " to " + stopLsn
              + " recover to the cluster as of " + stopLsn + ", every database at one instant",
          startLsn, stopLsn, facts.databases, tree, linked, streams.streams(), events.changed.get(), details);
    } catch (SQLException e) {
      throw new SourceException(Reason.SERVER_ERROR, server + ": " + e.getMessage(), e);
    }
  }

  /**
   * A temporary physical replication slot reserving WAL from now, so that checkpoints during a long
   * copy do not recycle segments the backup needs; null (and a warning) when the server has no slot
   * to spare, in which case the copy relies on wal_keep_size and fails if a segment went missing.
   */
  private static String reserveWal(Connection c, SourceListener listener) {
    String slot = "coffer_" + ProcessHandle.current().pid() + "_" + Integer.toHexString(ThreadLocalRandom.current()
        .nextInt(1 << 24));
    try {
      query(c, "SELECT pg_create_physical_replication_slot(?, true, true)::text", slot);
      return slot;
    } catch (SQLException e) {
      listener.warn("no temporary replication slot (" + e.getMessage().strip() + "): a checkpoint during the copy may"
          + " recycle WAL the backup needs, which then fails");
      return null;
    }
  }

  private static String startSegment(String label) throws SourceException {
    Matcher m = START_FILE.matcher(label);
    if (!m.find()) {
      throw new SourceException(Reason.SERVER_ERROR, "pg_backup_stop returned a backup label without a START WAL"
          + " LOCATION line: " + label.lines().findFirst().orElse(""));
    }
    return m.group(1);
  }

  private static void copyWal(Path file, long expectedSize, StreamSink streams) throws IOException {
    long size;
    try {
      size = Files.size(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new SourceException(Reason.SERVER_ERROR, "WAL segment " + file.getFileName() + " the backup needs is gone"
          + " from " + file.getParent() + " (recycled by a checkpoint: no replication slot could hold it)");
    }
    if (expectedSize > 0 && size != expectedSize) {
      throw new SourceException(Reason.SERVER_ERROR, "WAL segment " + file + " has " + size + " bytes, not "
          + expectedSize);
    }
    try (OutputStream out = streams.create(WAL + file.getFileName())) {
      Files.copy(file, out);
    }
  }

  private static List<Path> histories(Path walDir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(walDir, "*.history")) {
      s.forEach(out::add);
    }
    Collections.sort(out);
    return out;
  }

  private static void write(StreamSink streams, String name, String text) throws IOException {
    try (OutputStream out = streams.create(name)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String query(Connection c, String sql, String parameter) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, parameter);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }

  /** What the server says about itself, read before the backup starts. */
  private record Facts(String version, String dataDirectory, long systemIdentifier, long segmentSize,
      List<String> databases, Map<String, String> configFiles, String versionDirectory,
      Map<String, String> tablespaceNames) {

    static Facts read(Connection c, String server) throws SQLException, SourceException {
      Map<String, String> settings = new LinkedHashMap<>();
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN ('server_version',"
              + " 'server_version_num', 'data_directory', 'wal_level', 'wal_segment_size', 'config_file', 'hba_file',"
              + " 'ident_file')")) {
        while (r.next()) {
          settings.put(r.getString(1), r.getString(2));
        }
      }
      if (settings.get("data_directory") == null) {
        throw new SourceException(Reason.AUTHENTICATION, server + ": user may not read data_directory; a PHYSICAL"
            + " backup needs a superuser, or a member of pg_read_all_settings allowed to run pg_backup_start");
      }
      if ("minimal".equals(settings.get("wal_level"))) {
        throw new SourceException(Reason.INVALID_REQUEST, server + " runs with wal_level minimal, which cannot take"
            + " an online backup; set wal_level = replica and restart it");
      }
      boolean standby;
      long systemIdentifier;
      long catalogVersion;
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT pg_is_in_recovery(), system_identifier, catalog_version_no"
              + " FROM pg_control_system()")) {
        r.next();
        standby = r.getBoolean(1);
        systemIdentifier = r.getLong(2);
        catalogVersion = r.getLong(3);
      }
      Map<String, String> tablespaceNames = new LinkedHashMap<>();
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT oid::text, spcname FROM pg_tablespace")) {
        while (r.next()) {
          tablespaceNames.put(r.getString(1), r.getString(2));
        }
      }
      // The directory a tablespace holds this server's files in (PostgreSQL's TABLESPACE_VERSION_DIRECTORY).
      String versionDirectory = "PG_" + Integer.parseInt(settings.get("server_version_num")) / 10000 + "_"
          + catalogVersion;
      if (standby) {
        throw new SourceException(Reason.INVALID_REQUEST, server + " is a standby; take PHYSICAL backups from the"
            + " primary");
      }
      long segmentSize = Long.parseLong(settings.get("wal_segment_size"));
      Map<String, String> configFiles = new LinkedHashMap<>();
      for (String key : List.of("config_file", "hba_file", "ident_file")) {
        if (settings.get(key) != null) {
          configFiles.put(key, settings.get(key));
        }
      }
      return new Facts(io.coffer.source.Versions.dotted(settings.get("server_version")), settings.get("data_directory"), systemIdentifier,
          segmentSize, PgCatalog.databases(c), configFiles, versionDirectory, tablespaceNames);
    }

    /** The configuration files that live outside the data directory: a copy of it does not have them. */
    Map<String, String> outsideFiles(Path dir) {
      Map<String, String> out = new LinkedHashMap<>();
      configFiles.forEach((k, v) -> {
        if (!Path.of(v).toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize())) {
          out.put(k, v);
        }
      });
      return out;
    }
  }

  /** Counts files that changed while read; names unreadable ones, which fail the backup. */
  private static final class Events implements TreeSink.FileEvents {
    final AtomicLong changed = new AtomicLong();
    final List<String> unreadable = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void changed(String path, String differences) {
      changed.incrementAndGet();
    }

    @Override
    public void unreadable(String path, IOException cause) {
      unreadable.add(path + " (" + cause.getMessage() + ")");
    }

    void requireReadable(Path dir) throws SourceException {
      if (!unreadable.isEmpty()) {
        throw new SourceException(Reason.CHILD_FAILED, unreadable.size() + " file(s) of " + dir + " could not be read"
            + " (the agent must run as root or as the cluster's owner): "
            + String.join("; ", unreadable.subList(0, Math.min(10, unreadable.size()))));
      }
    }
  }
}
