package io.coffer.repo;

import io.coffer.repo.manifest.Content;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Manifest;
import io.coffer.repo.manifest.Tree;
import java.io.IOException;

/**
 * Visits every blob a manifest references: id lists, the data blobs they list, tree blobs and
 * everything below them. The visitor decides whether to descend into a meta blob (prune skips trees
 * it has already marked, which keeps the walk linear in the volume's distinct blobs).
 */
final class ReferenceWalker {

  /** Receives references; returning false from {@link #meta} skips that blob's contents. */
  interface Visitor {
    void data(BlobId id) throws IOException;

    boolean meta(BlobId id) throws IOException;
  }

  private final BlobReader blobs;
  private final VolumeFormat format;

  ReferenceWalker(BlobReader blobs) {
    this.blobs = blobs;
    this.format = blobs.format();
  }

  void walk(Manifest m, Visitor v) throws IOException {
    for (Entry e : m.entries()) {
      if (e.isTree()) {
        tree(format.parseId(e.tree()), v);
      } else {
        content(e.content(), v);
      }
    }
  }

  private void content(Content c, Visitor v) throws IOException {
    if (c == null) {
      return;
    }
    if (c.isInline()) {
      for (String id : c.ids()) {
        v.data(format.parseId(id));
      }
      return;
    }
    for (String hex : c.lists()) {
      BlobId listId = format.parseId(hex);
      if (!v.meta(listId)) {
        continue;
      }
      byte[] list = blobs.read(listId);
      format.checkIdList(list, listId);
      for (int i = 0; i < list.length; i += format.idLength()) {
        v.data(BlobId.of(list, i, format.idLength()));
      }
    }
  }

  private void tree(BlobId id, Visitor v) throws IOException {
    if (!v.meta(id)) {
      return;
    }
    Tree t = Json.readTree(blobs.read(id), "tree " + id);
    for (Tree.Node n : t.nodes()) {
      if (Tree.Node.DIR.equals(n.type()) && n.subtree() != null) {
        tree(format.parseId(n.subtree()), v);
      } else if (Tree.Node.FILE.equals(n.type())) {
        content(n.content(), v);
      }
    }
  }
}
