package io.coffer.engine.verify;

import io.coffer.catalog.verification.VerificationResult;
import io.coffer.engine.EngineException;
import io.coffer.engine.restore.LinkedTrees;
import io.coffer.engine.restore.StoredBackup;
import io.coffer.engine.run.RunControl;
import io.coffer.model.Host;
import io.coffer.repo.BackupReader;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.tree.RestoreOptions;
import io.coffer.source.NodeAccess;
import io.coffer.source.PhysicalCheck;
import io.coffer.source.PhysicalDriver;
import io.coffer.source.PhysicalReport;
import io.coffer.source.SourceListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Verifies a {@code PHYSICAL} backup the only way that proves it restores: the tree and the driver's
 * streams are restored into a scratch data directory, the driver starts a throwaway server on it (a
 * spare loopback port, nothing of the original touched) and reads every table of every database the
 * backup recorded; the scratch directory is removed afterwards whatever happened. The scratch
 * directory lives under {@code java.io.tmpdir} and needs the backup's size there (an increment's
 * whole chain, which is restored with it).
 */
final class PhysicalVerify {

  private final StoredBackup stored;
  private final String manifestId;
  private final PhysicalDriver driver;
  private final NodeAccess original;

  /** @param original the backed-up node: the copy has its accounts, so the check logs in as its admin user */
  PhysicalVerify(StoredBackup stored, String manifestId, PhysicalDriver driver, NodeAccess original) {
    this.stored = stored;
    this.manifestId = manifestId;
    this.driver = driver;
    this.original = original;
  }

  VerificationResult run(SourceListener listener, ProgressListener progress) throws IOException {
    PhysicalReport report = stored.report().physical();
    // A PHYSICAL backup without a tree (MariaDB) is all streams, which its driver writes.
    Entry tree = report.tree() == null ? null : stored.manifest().entry(report.tree().name());
    if (report.tree() != null && (tree == null || !tree.isTree())) {
      throw new EngineException("backup " + stored.backupId() + " is a PHYSICAL backup without its tree in the volume");
    }
    // The server runs as the data directory's owner, who must reach it through the scratch parent.
    Path scratch = Files.createTempDirectory("coffer-verify-physical-");
    try {
      Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwx--x--x"));
      Path data = scratch.resolve("data");
      LinkedTrees linked = LinkedTrees.under(stored, scratch);
      List<StoredBackup> chain = stored.chain();
      progress.start("verify backup " + stored.backupId(), StoredBackup.bytes(chain) + report.treeBytes(), "bytes");
      try (BackupReader reader = stored.reader()) {
        if (tree != null) {
          reader.restoreTree(manifestId, tree, data, new RestoreOptions(null, false, Host.runsAsRoot(), false, List.of()),
              progress);
        }
        linked.restore(reader, manifestId, data, Host.runsAsRoot(), progress);
        driver.restore(StoredBackup.physicalChain(chain, reader, progress, RunControl.NONE), data, listener);
      } finally {
        progress.done();
      }
      PhysicalCheck check = driver.verify(report, data, original, listener);
      check.checks().forEach(listener::info);
      return check.passed() ? VerificationResult.passed(check.tables(), check.rows())
          : VerificationResult.failed(check.tables(), check.rows(), check.problems());
    } finally {
      remove(scratch, listener);
    }
  }

  private static void remove(Path dir, SourceListener listener) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      listener.warn("the scratch copy " + dir + " could not be removed: " + e.getMessage());
    }
  }

  /** Owners are restored only as root; otherwise the copy belongs to this user, who then runs the server. */
}
