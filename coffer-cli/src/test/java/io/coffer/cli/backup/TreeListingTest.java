package io.coffer.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.repo.manifest.Tree;
import io.coffer.testing.Seeds;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** `backup contents` lines, built by hand, read exactly as the formatted ones they replaced. */
class TreeListingTest {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  @Test
  void lines_areTheFormattedOnes_forEveryKindOfNode() {
    Random r = Seeds.random("TreeListingTest.lines");
    String[] users = {"postgres", null, "a-user-name-longer-than-seventeen", "u"};
    String[] types = {Tree.Node.FILE, Tree.Node.DIR, Tree.Node.SYMLINK};
    for (int i = 0; i < 20_000; i++) {
      long seconds = switch (i % 3) {
        case 0 -> 1_500_000_000L + r.nextInt(500_000_000);
        case 1 -> r.nextLong() % 400_000_000_000L;   // before 1970 and after 9999 too
        default -> r.nextInt(86_400 * 3) - 86_400L;
      };
      Instant mtime = Instant.ofEpochSecond(seconds, r.nextInt(4) == 0 ? 0 : r.nextInt(1_000_000_000));
      String user = users[r.nextInt(users.length)];
      Tree.Owner owner = r.nextInt(10) == 0 ? null : new Tree.Owner(r.nextInt(70_000), r.nextInt(70_000), user,
          user == null ? null : "grp");
      Long size = r.nextInt(10) == 0 ? null : switch (r.nextInt(3)) {
        case 0 -> (long) r.nextInt(100);
        case 1 -> r.nextLong() & Long.MAX_VALUE;   // wider than twelve columns
        default -> (long) r.nextInt(Integer.MAX_VALUE);
      };
      String type = types[r.nextInt(types.length)];
      Tree.Node node = new Tree.Node("n" + i, type, r.nextInt(5) == 0 ? null : r.nextInt(07777 + 1),
          r.nextInt(20) == 0 ? null : mtime.toString(), size, null, null, Tree.Node.SYMLINK.equals(type) ? "target" : null,
          owner, null, null, null);
      assertThat(TreeListing.line("dir/n" + i, node)).isEqualTo(formatted("dir/n" + i, node));
    }
  }

  @Test
  void aTimeOutsideTheUsualYears_isStillTheFormattersMinute() {
    assertThat(TreeListing.time("2026-11-22T02:00:59.999999999Z")).isEqualTo("2026-11-22 02:00");
    assertThat(TreeListing.time("1969-12-31T23:59:00Z")).isEqualTo("1969-12-31 23:59");
    assertThat(TreeListing.time("+10000-01-01T00:00:00Z")).isEqualTo(TIME.format(Instant.parse("+10000-01-01T00:00:00Z")));
    assertThat(TreeListing.time("0000-06-01T00:00:00Z")).isEqualTo(TIME.format(Instant.parse("0000-06-01T00:00:00Z")));
    assertThat(TreeListing.time(null)).isEqualTo("????-??-?? ??:??");
  }

  /** The line as `String.format` with the JDK's parser and formatter made it before. */
  private static String formatted(String path, Tree.Node node) {
    String name = Tree.Node.DIR.equals(node.type()) ? path + "/" : path;
    if (Tree.Node.SYMLINK.equals(node.type())) {
      name = path + " -> " + node.target();
    }
    Tree.Owner o = node.owner();
    String owner = o == null ? "?/?" : (o.user() == null ? Integer.toString(o.uid()) : o.user()) + "/"
        + (o.group() == null ? Integer.toString(o.gid()) : o.group());
    return String.format("%s %-17s %12d %s %s", TreeListing.mode(node), owner, node.size() == null ? 0 : node.size(),
        node.mtime() == null ? "????-??-?? ??:??" : TIME.format(Instant.parse(node.mtime())), name);
  }
}
