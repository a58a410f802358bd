package io.coffer.source.quiesce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.source.process.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LVM and ZFS against recorded fakes of lvs/vgs/lvcreate/mount/umount/lvremove and zfs: the exact
 * commands, the free-space check before anything is touched, every failure undone, leftovers of a
 * killed run removed by the next one.
 */
class SnapshotFakesTest {

  /** A pid no process has: the kernel's pid_max is at most 2^22. */
  private static final String DEAD = "coffer-20250101T000000-9999999";
  @TempDir Path tmp;
  private FakeTools fakes;
  private Path device;
  private Path data;
  private Path mounts;

  @BeforeEach
  void setUp() throws Exception {
    fakes = new FakeTools(tmp);
    device = Files.createDirectories(tmp.resolve("device/pgdata"));
    Files.writeString(device.resolve("PG_VERSION"), "15");
    data = tmp.resolve("fs/pgdata");
    mounts = tmp.resolve("mnt");
    String snapshots = tmp.resolve("snapshots").toString();
    fakes.tool("vgs", "echo '  10737418240'")
        .tool("lvcreate", "echo \"$7\" >> '" + snapshots + "'")
        .tool("lvs", "echo '  lv_data'; cat '" + snapshots + "' 2>/dev/null | sed 's/^/  /'")
        .tool("mount", "cp -a '" + tmp.resolve("device") + "/.' \"$4\"")
        .tool("umount", "rm -rf \"$1\"/*")
        .tool("lvremove", "true")
        .tool("zfs", "case \"$1\" in get) echo '" + tmp.resolve("fs") + "';; list) cat '" + snapshots
            + "' 2>/dev/null;; snapshot) n=${2#*@}; mkdir -p '" + tmp.resolve("fs/.zfs/snapshot") + "'/$n;"
            + " cp -a '" + device.getParent() + "/.' '" + tmp.resolve("fs/.zfs/snapshot") + "'/$n;; esac");
  }

  private Quiesce lvm(String size) {
    return QuiesceMethods.create("lvm", Map.of("volume-group", "vg0", "logical-volume", "lv_data", "snapshot-size",
        size, "mount-directory", mounts.toString(), "filesystem-root", tmp.resolve("fs").toString()), data, tmp,
        fakes.tools());
  }

  @Test
  void lvm_snapshotMountReadUnmountRemove_inThatOrder() throws Exception {
    Files.createDirectories(data);
    Hold hold = lvm("1G").hold(new Cancellation());
    String name = hold.directory().getParent().getFileName().toString();
    assertThat(name).matches("coffer-\\d{8}T\\d{6}-" + ProcessHandle.current().pid());
    assertThat(hold.directory()).isEqualTo(mounts.resolve(name).resolve("pgdata"));
    assertThat(hold.directory().resolve("PG_VERSION")).hasContent("15");
    hold.close();
    assertThat(fakes.argv()).containsExactly(
        "vgs --noheadings --nosuffix --units b -o vg_free vg0",
        "lvcreate -s -L 1G -n " + name + " vg0/lv_data",
        "mount -o ro /dev/vg0/" + name + " " + mounts.resolve(name),
        "umount " + mounts.resolve(name),
        "lvremove -f vg0/" + name);
    assertThat(mounts.resolve(name)).doesNotExist();
  }

  @Test
  void lvm_tooFewFreeExtents_stopsBeforeTouchingAnything() throws Exception {
    Files.createDirectories(data);
    assertThatThrownBy(() -> lvm("20G").hold(new Cancellation()))
        .hasMessage("volume group vg0 has 10737418240 bytes free, the snapshot needs 21474836480 (quiesce option"
            + " snapshot-size 20G); nothing was created");
    assertThat(fakes.argv()).containsExactly("vgs --noheadings --nosuffix --units b -o vg_free vg0");
  }

  @Test
  void lvm_snapshotCreationFails_nothingElseRuns() throws Exception {
    Files.createDirectories(data);
    fakes.fail("lvcreate", "  Insufficient free space: 2560 extents needed, but only 12 available");
    assertThatThrownBy(() -> lvm("1G").hold(new Cancellation())).hasMessageContaining("lvcreate exited with status 5")
        .hasMessageContaining("Insufficient free space");
    assertThat(fakes.argv()).hasSize(2).last().asString().startsWith("lvcreate -s");
  }

  @Test
  void lvm_mountFails_theSnapshotIsRemoved() throws Exception {
    Files.createDirectories(data);
    fakes.fail("mount", "mount: wrong fs type, bad option, bad superblock");
    assertThatThrownBy(() -> lvm("1G").hold(new Cancellation())).hasMessageContaining("bad superblock");
    List<String> argv = fakes.argv();
    assertThat(argv.get(argv.size() - 1)).startsWith("lvremove -f vg0/coffer-");
    assertThat(argv.get(argv.size() - 2)).startsWith("mount -o ro /dev/vg0/coffer-");
    assertThat(Files.list(mounts).toList()).isEmpty();
  }

  @Test
  void lvm_killedHalfWay_theNextRunUnmountsAndRemovesTheLeftover_butNotARunningBackups() throws Exception {
    Files.createDirectories(mounts.resolve(DEAD));
    String running = "coffer-20250101T000000-" + ProcessHandle.current().pid();
    Files.writeString(tmp.resolve("snapshots"), DEAD + "\n" + running + "\n");
    List<String> done = lvm("1G").recover();
    assertThat(done).containsExactly(
        "unmounted " + mounts.resolve(DEAD) + ", left mounted by a backup that was killed",
        "removed LVM snapshot vg0/" + DEAD + ", left by a backup that was killed");
    assertThat(fakes.argv()).containsExactly("lvs --noheadings -o lv_name vg0", "umount " + mounts.resolve(DEAD),
        "lvremove -f vg0/" + DEAD);
  }

  @Test
  void lvm_badSettings_nameTheOption() {
    assertThatThrownBy(() -> lvm("lots")).hasMessage("quiesce option snapshot-size 'lots' is not accepted: a size"
        + " such as 512M, 10G or 1T");
    assertThatThrownBy(() -> QuiesceMethods.create("lvm", Map.of("volume-group", "vg 0"), data, tmp, fakes.tools()))
        .hasMessageContaining("quiesce option volume-group 'vg 0' is not accepted");
  }

  @Test
  void zfs_snapshotReadDestroy_andLeftoversOfAKilledRun() throws Exception {
    Files.createDirectories(data);
    Quiesce zfs = QuiesceMethods.create("zfs", Map.of("dataset", "tank/fs"), data, tmp, fakes.tools());
    Hold hold = zfs.hold(new Cancellation());
    String name = hold.directory().getParent().getFileName().toString();
    assertThat(hold.directory()).isEqualTo(tmp.resolve("fs/.zfs/snapshot").resolve(name).resolve("pgdata"));
    assertThat(hold.directory().resolve("PG_VERSION")).hasContent("15");
    hold.close();
    assertThat(fakes.argv()).containsExactly("zfs get -H -o value mountpoint tank/fs", "zfs snapshot tank/fs@" + name,
        "zfs destroy tank/fs@" + name);

    Files.writeString(tmp.resolve("snapshots"), "tank/fs@" + DEAD + "\ntank/fs@daily\n");
    assertThat(zfs.recover()).containsExactly("destroyed ZFS snapshot tank/fs@" + DEAD
        + ", left by a backup that was killed");
    assertThat(fakes.argv()).endsWith("zfs list -H -t snapshot -o name -d 1 tank/fs", "zfs destroy tank/fs@" + DEAD);
  }

  @Test
  void zfs_snapshotFails_isReported_andNothingIsLeft() throws Exception {
    Files.createDirectories(data);
    fakes.fail("zfs-snapshot", "cannot create snapshot 'tank/fs@x': out of space");
    assertThatThrownBy(() -> QuiesceMethods.create("zfs", Map.of("dataset", "tank/fs"), data, tmp, fakes.tools())
        .hold(new Cancellation())).hasMessageContaining("out of space");
    assertThat(fakes.argv()).hasSize(2).first().isEqualTo("zfs get -H -o value mountpoint tank/fs");
    assertThat(fakes.argv().get(1)).startsWith("zfs snapshot tank/fs@coffer-");
  }
}
