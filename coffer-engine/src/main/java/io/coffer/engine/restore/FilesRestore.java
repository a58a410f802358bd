package io.coffer.engine.restore;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.config.ConfigEntry;
import io.coffer.catalog.config.ConfigKey;
import io.coffer.catalog.restore.RestoreOption;
import io.coffer.catalog.restore.RestoreRefusal;
import io.coffer.engine.EngineException;
import io.coffer.engine.run.RunControl;
import io.coffer.engine.volume.VolumeOpener;
import io.coffer.model.Host;
import io.coffer.repo.BackupReader;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Tree;
import io.coffer.repo.tree.DiskSync;
import io.coffer.repo.tree.RestoreOptions;
import io.coffer.repo.tree.TreeRestore;
import io.coffer.source.BackupReport;
import io.coffer.engine.node.Drivers;
import io.coffer.source.ClientSession;
import io.coffer.source.PhysicalDriver;
import io.coffer.source.PhysicalRestored;
import io.coffer.source.SourceListener;
import io.coffer.source.RestoreNames;
import io.coffer.source.RestorePlan;
import io.coffer.source.RestoreReport;
import io.coffer.source.process.Cancellation;
import io.coffer.source.process.FileHolders;
import io.coffer.source.quiesce.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Restores a {@code FILES} or {@code PHYSICAL} backup into a directory: by default a new sibling of the backed-up data
 * directory named {@code <name>_<backup time>} (seed 000), never into a non-empty directory unless
 * forced, never into one that processes hold (a running server), with the free space of the target
 * checked against the backup's size before anything is written (seed 001) on the host that writes it ({@link
 * DirectoryChecks}), lock and pid files left out by the node's {@code restore_exclude} patterns,
 * owners restored when running as root, and an optional start command once the files are in place.
 * The tree restorer refuses names that leave the target ({@code ..}, absolute paths, separators) and
 * creates symlinks last, so nothing is written through one. A PHYSICAL backup restores whole: after
 * its tree, its driver writes what the server needs to start from it (PostgreSQL: the WAL from the
 * backup's start to its stop and the backup label), so the directory is ready to start. A PHYSICAL
 * increment (MariaDB at a level above 0) restores on its chain, full copy first, which the driver
 * writes as one data directory: a chain missing a backup is refused before anything is written.
 */
final class FilesRestore {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(15);
  private final VolumeOpener volumes;
  private final Tools tools;
  private final Drivers drivers;

  FilesRestore(VolumeOpener volumes, Tools tools, Drivers drivers) {
    this.volumes = volumes;
    this.tools = tools;
    this.drivers = drivers;
  }

  /**
   * A restore planned: the tree to read, where to, and how.
   *
   * @param linked the directories a PHYSICAL backup's data directory links to (tablespaces), and where they go
   * @param physical the driver that completes a PHYSICAL backup's data directory; null for FILES
   * @param keepFailed leave what a failed restore wrote, and say how to remove it
   * @param sync sync what was written before the restore is recorded as done (the node's restore_sync)
   */
  record Planned(Backup backup, StoredBackup stored, Entry tree, LinkedTrees linked, Path target,
      RestoreOptions options, String startCommand, RestorePlan plan, long bytes, PhysicalDriver physical,
      List<StoredBackup> chain, boolean keepFailed, boolean sync) {}

  /** Decides everything a FILES or PHYSICAL restore does and refuses bad input before anything is written. */
  Planned plan(Catalog catalog, Backup backup, RestoreOrder order) {
    StoredBackup stored = StoredBackup.read(catalog, volumes, backup);
    BackupReport report = stored.report();
    String treeName = report.treeName();
    if (treeName == null && report.physical() == null) {
      throw new EngineException("backup " + backup.id() + " is recorded as " + backup.kind() + ", but its report holds"
          + " no directory");
    }
    // A PHYSICAL backup without a tree (MariaDB) is all streams, which its driver writes.
    Entry tree = treeName == null ? null : stored.manifest().entry(treeName);
    if (treeName != null && (tree == null || !tree.isTree())) {
      throw new EngineException("backup " + backup.id() + " holds no tree " + treeName + " in its volume");
    }
    PhysicalDriver physical = null;
    List<StoredBackup> chain = List.of(stored);
    if (report.physical() != null) {
      physical = drivers.physical(report.engine());
      chain = stored.chain();
      if (order.path().isPresent()) {
        throw new RestoreRefusal(RestoreOption.PATH, order.path().get(), "a PHYSICAL backup restores whole: a part"
            + " of a data directory does not start", "none (leave " + RestoreOption.PATH + " out)");
      }
    }
    String node = order.targetNode() == null ? backup.node() : order.targetNode();
    List<String> exclude = Arrays.stream(setting(catalog, node, ConfigKey.RESTORE_EXCLUDE).split(","))
        .filter(g -> !g.isBlank()).toList();
    Path source = Path.of(report.files() != null ? report.files().dataDirectory() : report.physical().dataDirectory());
    Path target = order.targetDirectory().map(Path::of).orElseGet(() -> source.resolveSibling(
        source.getFileName() + "_" + RestoreNames.timestamp(report.startedAt())));
    if (!target.isAbsolute()) {
      throw new RestoreRefusal(RestoreOption.TARGET_DIRECTORY, target.toString(), "an absolute path");
    }
    target = target.normalize();
    boolean root = Host.runsAsRoot();
    RestoreOptions options = new RestoreOptions(order.path().orElse(null), order.isForce(), root,
        order.isExternalSymlinks(), exclude);
    long bytes = (tree == null ? 0 : scan(stored, tree, options.path(), options.allowExternalSymlinks()))
        + (physical == null ? 0 : StoredBackup.bytes(chain));
    DirectoryChecks checks = order.directoryChecks();
    // Whether a directory is in the way is known only where it is written; planned for an agent on
    // another host, a forced restore is shown as writing over what may be there.
    boolean occupied = checks.here() ? refuseUnfit(target, order.isForce(), physical != null, bytes)
        : order.isForce();
    LinkedTrees linked = LinkedTrees.plan(stored, order.tablespaceMap(), target, checks.here());
    List<String> notes = new ArrayList<>();
    notes.add("needs " + bytes + " bytes at the target" + (linked.placed().isEmpty() ? ""
        : " and " + linked.bytes() + " for its tablespaces"));
    notes.add(exclude.isEmpty() ? "no lock or pid files left out (restore_exclude is empty)"
        : "names matching " + String.join(", ", exclude) + " are left out (restore_exclude)");
    notes.add(checks.owners(root));
    if (chain.size() > 1) {
      notes.add("backup " + backup.id() + " is an increment: its chain is written, " + String.join(", then ",
          chain.stream().map(b -> "backup " + b.backupId()).toList()) + " (the increments extracted beside the"
          + " target, counted in the bytes needed, and removed afterwards)");
    }
    if (physical != null) {
      notes.add("then the server's files are completed (" + report.streams().size() + " streams: "
          + report.physical().tool() + "'s log from " + report.physical().start() + " to " + report.physical().stop()
          + "), ready to start");
    }
    boolean sync = !"off".equals(setting(catalog, node, ConfigKey.RESTORE_SYNC));
    notes.add(sync ? "then what was written is synced to disk (syncfs) before the restore is recorded as done"
        : "what was written is not synced to disk before the restore is recorded as done (restore_sync is off)");
    // Where the directories were checked is a fact when this process writes them; planned for an agent
    // it is a caveat (the agent checks again on its host, where a refusal fails the job).
    List<String> warnings = new ArrayList<>();
    (checks.writer() == null ? notes : warnings).add(checks.note());
    order.startCommand().ifPresent(c -> notes.add("then run the start command: " + c));
    String what = source + (options.path() == null ? "" : "/" + options.path()) + " as backed up at "
        + report.startedAt();
    List<RestorePlan.DatabaseStep> steps = new ArrayList<>();
    steps.add(new RestorePlan.DatabaseStep(what, target.toString(), occupied ? RestorePlan.Existing.DROP
        : RestorePlan.Existing.NONE, null));
    for (LinkedTrees.Placed p : linked.placed()) {
      steps.add(new RestorePlan.DatabaseStep("tablespace " + p.linked().name() + " (" + p.linked().location() + ")",
          p.directory().toString(), RestorePlan.Existing.NONE, null));
      notes.add(p.linked().link() + " will point to " + p.directory());
    }
    RestorePlan plan = new RestorePlan(report.engine(), report.kind(), node, "", List.of(), steps, List.of(),
        List.of(), false, warnings, notes);
    return new Planned(backup, stored, tree, linked, target, options, order.startCommand().orElse(null), plan,
        bytes + linked.bytes(), physical, chain, order.isKeepFailed(), sync);
  }

  /**
   * Writes the tree into the target, completes a PHYSICAL backup's data directory, then runs the
   * start command; returns what was done. When writing fails (or is aborted), what it wrote is
   * removed unless keep-failed, and the message says what became of it.
   */
  RestoreReport carryOut(Planned planned, SourceListener listener, ProgressListener progress, RunControl control)
      throws IOException {
    Instant started = Instant.now();
    FilesLeftovers leftovers = FilesLeftovers.before(planned.target());
    List<FilesLeftovers> linkedLeftovers = new ArrayList<>();
    for (LinkedTrees.Placed p : planned.linked().placed()) {
      linkedLeftovers.add(FilesLeftovers.before(p.directory()));
    }
    TreeRestore done;
    List<String> warnings = new ArrayList<>();
    try (BackupReader reader = planned.stored().reader()) {
      control.checkpoint();
      done = planned.tree() == null ? null : reader.restoreTree(planned.backup().manifestId(), planned.tree(),
          planned.target(), planned.options(), progress);
      if (done != null) {
        warnings.addAll(done.warnings());
      }
      planned.linked().restore(reader, planned.backup().manifestId(), planned.target(), planned.options().owners(),
          progress);
      if (planned.physical() != null) {
        control.checkpoint();
        PhysicalRestored ready = planned.physical().restore(StoredBackup.physicalChain(planned.chain(), reader,
            progress, control), planned.target(), listener);
        warnings.addAll(ready.notes());
        warnings.add("start it with: " + ready.start());
      }
      warnings.add(planned.sync() ? sync(planned) : "not synced to disk (restore_sync is off)");
    } catch (IOException | RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      StringBuilder after = new StringBuilder(leftovers.afterFailure(planned.keepFailed()));
      for (FilesLeftovers l : linkedLeftovers) {
        after.append("; ").append(l.afterFailure(planned.keepFailed()));
      }
      throw new IOException(reason + "; " + after, e);
    }
    if (done != null) {
      done.excluded().forEach(path -> warnings.add("left out " + path + " (restore_exclude)"));
    }
    if (planned.startCommand() != null) {
      try {
        tools.shell("start command", planned.startCommand(), START_TIMEOUT, new Cancellation());
      } catch (IOException e) {
        throw new IOException("the files are restored in " + planned.target() + ", but the start command ("
            + planned.startCommand() + ") failed: " + e.getMessage(), e);
      }
      warnings.add("start command ran: " + planned.startCommand());
    }
    return new RestoreReport(planned.plan(), false, started, Instant.now(), List.of(planned.target().toString()),
        List.of(), warnings);
  }

  /**
   * Makes what the restore wrote durable before it is recorded as done (a failure fails it): the
   * target's filesystem, and each tablespace's where that is another ({@link DiskSync}); returns the
   * line for the restore's log.
   */
  private static String sync(Planned planned) throws IOException {
    long started = System.nanoTime();
    DiskSync.sync(planned.target());
    for (LinkedTrees.Placed p : planned.linked().placed()) {
      DiskSync.sync(p.directory());
    }
    return String.format(Locale.ROOT, "synced to disk in %.2f s", (System.nanoTime() - started) / 1e9);
  }

  private static String setting(Catalog catalog, String node, ConfigKey key) {
    return catalog.config().forNode(node).stream().filter(e -> e.key().equals(key.key())).map(ConfigEntry::value)
        .findFirst().orElse("");
  }

  /**
   * The bytes below {@code path} of the tree, after checking every name and symlink before anything
   * is written: a name that could leave the target ({@code ..}, a separator, empty) is refused, and
   * so is a symlink pointing outside it unless allowed. The restorer checks again as it writes.
   */
  private static long scan(StoredBackup stored, Entry tree, String path, boolean externalSymlinks) {
    Path top = Path.of("/restore-target");
    long[] bytes = {0};
    try (BackupReader reader = stored.reader()) {
      reader.walk(tree, path, (p, node) -> {
        String name = node.name();
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
            || name.indexOf('\0') >= 0) {
          throw new EngineException("backup " + stored.backupId() + " holds the name '" + name + "' (at " + p
              + "), which could leave the restore directory: refused, nothing was written");
        }
        if (Tree.Node.SYMLINK.equals(node.type()) && !externalSymlinks) {
          Path target = Path.of(node.target());
          Path link = top.resolve(p);
          if (target.isAbsolute() || !link.getParent().resolve(target).normalize().startsWith(top)) {
            throw new RestoreRefusal(RestoreOption.ALLOW_EXTERNAL_SYMLINKS, false, "symlink " + p + " -> "
                + node.target() + " points outside the restore directory", RestoreOption.ALLOW_EXTERNAL_SYMLINKS
                + " to restore it as it is (a data directory's tablespaces may need it); nothing was written");
          }
        }
        if (Tree.Node.FILE.equals(node.type()) && node.size() != null) {
          bytes[0] += node.size();
        }
      });
    } catch (IOException | io.coffer.repo.VolumeException e) {
      throw new RestoreRefusal(RestoreOption.PATH, path, e.getMessage(),
          "a file or directory of the backup (list them with: coffer backup contents " + stored.backupId() + ")");
    }
    return bytes[0];
  }

  /**
   * Refuses a directory that cannot be written on this host: one that holds files (unless forced; a
   * server's data directory never, as its driver completes the files after the tree, PostgreSQL with
   * a fresh pg_wal, and refuses an existing one), one processes use, one whose filesystem has less
   * room than {@code bytes}. True when it holds files, which the forced restore writes over.
   */
  static boolean refuseUnfit(Path directory, boolean force, boolean physical, long bytes) {
    boolean occupied = refuseOccupied(directory, force, physical);
    if (occupied) {
      refuseHeld(directory);
    }
    refuseTooLittleSpace(directory, bytes);
    return occupied;
  }

  /** True when the target holds something (allowed only when forced); refuses a file in its place. */
  private static boolean refuseOccupied(Path target, boolean force, boolean physical) {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new RestoreRefusal(RestoreOption.TARGET_DIRECTORY, target.toString(), "it exists and is not a directory",
          "a new or empty directory");
    }
    boolean occupied;
    try (Stream<Path> entries = Files.list(target)) {
      occupied = entries.findAny().isPresent();
    } catch (IOException e) {
      throw new EngineException("cannot read the restore target " + target + ": " + e.getMessage(), e);
    }
    if (occupied && physical) {
      throw new RestoreRefusal(RestoreOption.TARGET_DIRECTORY, target.toString(), "it is not empty, and a PHYSICAL"
          + " backup restores only into a new data directory (" + RestoreOption.FORCE + " does not apply)",
          "a new or empty directory");
    }
    if (occupied && !force) {
      throw new RestoreRefusal(RestoreOption.TARGET_DIRECTORY, target.toString(), "it is not empty",
          "a new or empty directory, or " + RestoreOption.FORCE + " to replace what the backup holds there");
    }
    return occupied;
  }

  /**
   * Refuses a target that processes hold (files open in it, or their working directory): a running
   * server would go on with the files the restore replaces, or write over them. Coffer ends no
   * program's process, so the message names them and says to stop them.
   */
  private static void refuseHeld(Path target) {
    List<ClientSession> holders = FileHolders.below(target);
    if (holders.isEmpty()) {
      return;
    }
    String them = holders.size() == 1 ? "it" : "them";
    throw new RestoreRefusal(RestoreOption.TARGET_DIRECTORY, target.toString(), "it is in use by "
        + (holders.size() == 1 ? "1 process" : holders.size() + " processes") + " (open files or working directory): "
        + String.join(", ", holders.stream().map(ClientSession::toString).toList()),
        "a directory no process uses: stop " + them + " first (Coffer ends no program's process; a running server"
            + " would go on with the files the restore replaces); nothing was written");
  }

  /** Refuses before anything is written when the target's filesystem has less free space than the backup needs. */
  private static void refuseTooLittleSpace(Path target, long bytes) {
    Path existing = target;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    long free;
    try {
      free = Files.getFileStore(existing).getUsableSpace();
    } catch (IOException e) {
      throw new EngineException("cannot read the free space at " + existing + ": " + e.getMessage(), e);
    }
    if (free < bytes) {
      throw new RestoreRefusal(RestoreOption.TARGET_DIRECTORY, target.toString(), "its filesystem has " + free
          + " bytes free and the backup needs " + bytes, "a directory on a filesystem with enough free space");
    }
  }
}
