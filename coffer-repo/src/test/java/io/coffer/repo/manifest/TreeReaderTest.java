package io.coffer.repo.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.CorruptDataException;
import io.coffer.repo.Json;
import io.coffer.testing.Seeds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming tree reader gives the object mapper's records for whatever the mapper writes or reads. */
class TreeReaderTest {

  @Test
  void randomTreesWrittenByTheMapper_readAsTheMapperReadsThem() throws IOException {
    Random random = Seeds.random("TreeReaderTest");
    for (int round = 0; round < 300; round++) {
      Tree tree = tree(random);
      byte[] json = Json.write(tree);
      Tree read = TreeReader.read(json);
      assertThat(read).isEqualTo(Json.MAPPER.readValue(json, Tree.class)).isEqualTo(tree);
    }
  }

  @Test
  void unknownFieldsAtEveryLevel_andNulls_readAsTheMapperReadsThem() throws IOException {
    String json = """
        {"version": 3, "nodes": [
          {"name": "a", "type": "file", "mode": 420, "mtime": "2026-01-01T00:00:00Z", "size": 3,
           "content": {"ids": ["ab", "cd"], "lists": null, "future": {"x": [1, {"y": 2}]}},
           "owner": {"uid": 7, "group": "g", "shell": "/bin/sh"}, "inode": {"number": 9, "ctime": "c", "extra": []},
           "sparse": null, "xattrs": {"user.k": "dg=="}, "checksum": "zz", "nested": {"a": {"b": [null]}}},
          {"name": "d", "type": "dir", "subtree": "ef", "mode": null},
          {"name": "l", "type": "symlink", "target": "../x", "owner": null, "inode": null}
        ], "trailer": [true, false, null]}
        """;
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Tree read = TreeReader.read(bytes);
    assertThat(read).isEqualTo(Json.MAPPER.readValue(bytes, Tree.class));
    assertThat(read.nodes()).hasSize(3);
    assertThat(read.nodes().get(0).owner()).isEqualTo(new Tree.Owner(7, 0, null, "g"));
    assertThat(read.nodes().get(0).inode()).isEqualTo(new Tree.Inode(0, 9, 0, "c"));
    for (String other : List.of("{}", "{\"nodes\": null}", "{\"nodes\": []}")) {
      byte[] b = other.getBytes(StandardCharsets.UTF_8);
      assertThat(TreeReader.read(b)).as(other).isEqualTo(Json.MAPPER.readValue(b, Tree.class));
    }
  }

  @Test
  void damagedTrees_areRefusedAsCorrupt() {
    byte[] good = Json.write(tree(Seeds.random("TreeReaderTest.damaged")));
    List<byte[]> bad = new ArrayList<>();
    for (int cut = 1; cut < good.length; cut += Math.max(1, good.length / 40)) {
      bad.add(java.util.Arrays.copyOf(good, cut));
    }
    for (String s : List.of("", "[]", "\"tree\"", "{\"nodes\": {}}", "{\"nodes\": [1]}",
        "{\"nodes\": [{\"name\": 5}]}", "{\"nodes\": [{\"mode\": \"rw\"}]}", "{\"nodes\": [{\"size\": 1e400}]}",
        "{\"nodes\": [{\"content\": {\"ids\": \"ab\"}}]}", "{\"nodes\": [{\"xattrs\": {\"k\": null}}]}",
        "{\"nodes\": [{\"owner\": {\"uid\": 99999999999}}]}", "{\"nodes\": [")) {
      bad.add(s.getBytes(StandardCharsets.UTF_8));
    }
    for (byte[] b : bad) {
      assertThatThrownBy(() -> Json.readTree(b, "tree x"))
          .as(new String(b, StandardCharsets.UTF_8))
          .isInstanceOf(CorruptDataException.class)
          .hasMessageStartingWith("tree x is not valid: ");
    }
  }

  private static Tree tree(Random r) {
    List<Tree.Node> nodes = new ArrayList<>();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      String type = List.of(Tree.Node.FILE, Tree.Node.DIR, Tree.Node.SYMLINK).get(r.nextInt(3));
      nodes.add(new Tree.Node(
          text(r) + i,
          type,
          maybe(r) ? r.nextInt(07777 + 1) : null,
          maybe(r) ? "2026-12-0" + (1 + r.nextInt(9)) + "T10:00:00." + r.nextInt(1_000_000_000) + "Z" : null,
          maybe(r) ? (long) r.nextInt(Integer.MAX_VALUE) * r.nextInt(1000) : null,
          maybe(r) ? new Content(ids(r), maybe(r) ? ids(r) : null) : null,
          maybe(r) ? hex(r) : null,
          maybe(r) ? "../" + text(r) : null,
          maybe(r) ? new Tree.Owner(r.nextInt(70_000), r.nextInt(70_000), maybe(r) ? text(r) : null,
              maybe(r) ? text(r) : null) : null,
          maybe(r) ? new Tree.Inode(r.nextLong(), r.nextLong() & Long.MAX_VALUE, 1 + r.nextInt(5), text(r)) : null,
          maybe(r) ? Boolean.TRUE : null,
          maybe(r) ? xattrs(r) : null));
    }
    return new Tree(nodes);
  }

  private static boolean maybe(Random r) {
    return r.nextInt(3) > 0;
  }

  /** Names with what JSON must escape: quotes, backslashes, control characters, non-ASCII. */
  private static String text(Random r) {
    String[] parts = {"a", "Ω", "\"", "\\", "\n", "\u0001", "日本", "😀", " ", "x.y"};
    StringBuilder b = new StringBuilder();
    for (int i = 1 + r.nextInt(4); i > 0; i--) {
      b.append(parts[r.nextInt(parts.length)]);
    }
    return b.toString();
  }

  private static String hex(Random r) {
    return Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
  }

  private static List<String> ids(Random r) {
    List<String> ids = new ArrayList<>();
    for (int i = r.nextInt(5); i > 0; i--) {
      ids.add(hex(r));
    }
    return ids;
  }

  private static Map<String, String> xattrs(Random r) {
    Map<String, String> m = new HashMap<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      m.put("user." + text(r), hex(r));
    }
    return m;
  }
}
