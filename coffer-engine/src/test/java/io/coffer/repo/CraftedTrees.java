package io.coffer.repo;

import io.coffer.repo.backend.FileType;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Manifest;
import io.coffer.repo.manifest.Tree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Backups no Coffer writes: a tree whose file is named as an attacker would name it, committed into
 * a real volume with a real manifest, so that restore's refusal can be tested end to end. In this
 * package to reach the writer's meta blobs and the volume's sealed files.
 */
public final class CraftedTrees {

  private CraftedTrees() {}

  /**
   * Commits a backup holding the stream {@code reportName} ({@code report}) and the tree {@code
   * treeName} with one file named {@code fileName}; returns the manifest id.
   */
  public static String withFileNamed(Volume volume, String treeName, String fileName, String reportName, byte[] report)
      throws IOException {
    try (BackupWriter writer = volume.newBackup(Map.of("kind", "FILES"), ProgressListener.NONE)) {
      byte[] payload = "escaped\n".getBytes(StandardCharsets.UTF_8);
      Entry stream = writer.putStream("payload", new ByteArrayInputStream(payload));
      Tree.Node evil = new Tree.Node(fileName, Tree.Node.FILE, 0644, null, (long) payload.length, stream.content(),
          null, null, null, null, null, null);
      BlobId tree = writer.storeMeta(Json.write(new Tree(List.of(evil))));
      writer.putStream(reportName, new ByteArrayInputStream(report));
      Manifest written = volume.manifest(writer.commit().id());
      List<Entry> entries = new ArrayList<>();
      entries.add(written.entry(reportName));
      entries.add(new Entry(treeName, Entry.TREE, payload.length, null, tree.hex()));
      Manifest crafted = new Manifest(written.format(), written.time(), written.host(), written.user(),
          written.tags(), entries, written.stats());
      return volume.files.save(FileType.BACKUP, Json.write(crafted));
    }
  }
}
