package io.coffer.cli.backup;

import io.coffer.repo.manifest.IsoInstant;
import io.coffer.repo.manifest.Tree;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** A FILES backup's tree, one line per node as {@code tar tv} prints an archive (times in UTC). */
final class TreeListing {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(ZoneOffset.UTC);

  private TreeListing() {}

  /**
   * {@code -rw-r--r-- postgres/postgres     8192 2026-11-22 02:00 base/1/1259}: the mode, the owner
   * left-justified in 17 columns, the size right-justified in 12, the time, the name. Built by hand:
   * through {@code String.format} and the JDK's time parser and formatter, a listing of 30,000 files
   * spent a third of a second in them (docs/benchmarks.md).
   */
  static String line(String path, Tree.Node node) {
    String name = Tree.Node.DIR.equals(node.type()) ? path + "/" : path;
    if (Tree.Node.SYMLINK.equals(node.type())) {
      name = path + " -> " + node.target();
    }
    String owner = owner(node);
    String size = Long.toString(node.size() == null ? 0 : node.size());
    StringBuilder out = new StringBuilder(64 + name.length()).append(mode(node)).append(' ').append(owner);
    pad(out, 17 - owner.length());
    out.append(' ');
    pad(out, 12 - size.length());
    return out.append(size).append(' ').append(time(node.mtime())).append(' ').append(name).toString();
  }

  private static void pad(StringBuilder out, int spaces) {
    for (int i = 0; i < spaces; i++) {
      out.append(' ');
    }
  }

  /** {@code 2026-11-22 02:00} in UTC: the minutes of the ISO-8601 time trees keep, 1970 to 9999. */
  static String time(String mtime) {
    if (mtime == null) {
      return "????-??-?? ??:??";
    }
    Instant instant = IsoInstant.parse(mtime);
    String iso = IsoInstant.of(FileTime.from(instant));
    if (instant.getEpochSecond() >= 0 && iso.length() >= 16 && iso.charAt(10) == 'T') {
      return iso.substring(0, 10) + " " + iso.substring(11, 16);
    }
    return TIME.format(instant);
  }

  static Map<String, Object> fields(String path, Tree.Node node) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("path", path);
    fields.put("type", node.type());
    fields.put("mode", mode(node));
    fields.put("owner", node.owner() == null ? null : node.owner().user());
    fields.put("group", node.owner() == null ? null : node.owner().group());
    fields.put("uid", node.owner() == null ? null : node.owner().uid());
    fields.put("gid", node.owner() == null ? null : node.owner().gid());
    fields.put("size", node.size());
    fields.put("mtime", node.mtime());
    fields.put("target", node.target());
    fields.put("sparse", node.isSparse());
    fields.put("hard-linked", node.isHardLinked());
    return fields;
  }

  /** {@code drwxr-x---}, with s, S, t and T for set-user-id, set-group-id and sticky as ls prints them. */
  static String mode(Tree.Node node) {
    char type = switch (node.type()) {
      case Tree.Node.DIR -> 'd';
      case Tree.Node.SYMLINK -> 'l';
      default -> node.isHardLinked() ? 'h' : '-';
    };
    int m = node.mode() == null ? (Tree.Node.SYMLINK.equals(node.type()) ? 0777 : 0) : node.mode();
    StringBuilder out = new StringBuilder().append(type);
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      out.append((m & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    special(out, 3, (m & 04000) != 0, 's');
    special(out, 6, (m & 02000) != 0, 's');
    special(out, 9, (m & 01000) != 0, 't');
    return out.toString();
  }

  private static void special(StringBuilder out, int at, boolean set, char letter) {
    if (set) {
      out.setCharAt(at, out.charAt(at) == 'x' ? letter : Character.toUpperCase(letter));
    }
  }

  private static String owner(Tree.Node node) {
    if (node.owner() == null) {
      return "?/?";
    }
    Tree.Owner o = node.owner();
    return (o.user() == null ? Integer.toString(o.uid()) : o.user()) + "/"
        + (o.group() == null ? Integer.toString(o.gid()) : o.group());
  }
}
