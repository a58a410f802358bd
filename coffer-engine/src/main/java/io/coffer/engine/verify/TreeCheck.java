package io.coffer.engine.verify;

import io.coffer.catalog.verification.VerificationResult;
import io.coffer.engine.EngineException;
import io.coffer.engine.restore.StoredBackup;
import io.coffer.repo.BackupReader;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Tree;
import io.coffer.source.FilesReport;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a FILES backup by reading every file of its tree back from the volume: each chunk is
 * checked against its id as it is read, each file's length against the tree, and the number of
 * files and bytes against the backup's report. A file that cannot be read back is a difference
 * (named), so one verification lists every damaged file; a tree that cannot be walked is an error.
 */
final class TreeCheck {

  private static final int NAMED = 50;
  private final StoredBackup stored;

  TreeCheck(StoredBackup stored) {
    this.stored = stored;
  }

  VerificationResult run(ProgressListener progress) throws IOException {
    FilesReport recorded = stored.report().files();
    if (recorded == null) {
      throw new EngineException("backup " + stored.backupId() + " is a FILES backup without a FILES report");
    }
    Entry tree = stored.manifest().entry(recorded.tree());
    if (tree == null || !tree.isTree()) {
      throw new EngineException("backup " + stored.backupId() + " holds no tree " + recorded.tree());
    }
    List<String> differences = new ArrayList<>();
    long[] counts = {0, 0};
    progress.start("verify backup " + stored.backupId(), recorded.bytes(), "bytes");
    try (BackupReader reader = stored.reader()) {
      reader.walk(tree, null, (path, node) -> {
        if (!Tree.Node.FILE.equals(node.type())) {
          return;
        }
        counts[0]++;
        try {
          long read = reader.readFile(node, OutputStream.nullOutputStream(), progress);
          counts[1] += read;
          if (node.size() != null && read != node.size()) {
            note(differences, path + ": read " + read + " bytes back, the tree records " + node.size());
          }
        } catch (IOException | RuntimeException e) {
          note(differences, path + ": cannot be read back: " + e.getMessage());
        }
      });
    } finally {
      progress.done();
    }
    if (counts[0] != recorded.files()) {
      differences.add("the tree holds " + counts[0] + " files, the backup recorded " + recorded.files());
    }
    if (counts[1] != recorded.bytes()) {
      differences.add("the files hold " + counts[1] + " bytes, the backup recorded " + recorded.bytes());
    }
    return differences.isEmpty() ? VerificationResult.passed(counts[0], counts[1])
        : VerificationResult.failed(counts[0], counts[1], differences);
  }

  private static void note(List<String> differences, String difference) {
    if (differences.size() < NAMED) {
      differences.add(difference);
    } else if (differences.size() == NAMED) {
      differences.add("… and more files that could not be read back (the first " + NAMED + " are listed)");
    }
  }
}
