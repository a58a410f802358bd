package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.model.Host;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.MemoryBackend;
import io.coffer.repo.lock.LockInfo;
import io.coffer.repo.lock.Locks;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which locks are stale: the host a lock names is this host's identity (issue 14), not a name two machines can share. */
class VolumeLocksTest {

  @Test
  void aLock_namesThisHostsIdentity_andReadsAsItsName() throws Exception {
    try (Volume v = TestData.init(new MemoryBackend(), TestData.smallVolume(), "VolumeLocksTest.identity");
        Locks.Lock held = v.locks().acquire(false)) {
      LockInfo lock = v.locks().list().get(0);
      assertThat(lock.host()).isEqualTo(Host.identity());
      assertThat(lock.stale()).isFalse();
      assertThat(lock.describe()).contains("@" + Host.name() + " pid " + ProcessHandle.current().pid());
    }
  }

  @Test
  void aLockOfAnEndedProcessOfThisHost_isStale_inTheOldSpellingToo() throws Exception {
    long ended = endedPid();
    try (Volume v = TestData.init(new MemoryBackend(), TestData.smallVolume(), "VolumeLocksTest.ended")) {
      put(v, Host.identity(), ended);
      put(v, Host.name(), ended);
      assertThat(v.locks().list()).extracting(LockInfo::stale).containsExactly(true, true);
    }
  }

  /**
   * Two machines that resolve to one name (a misconfigured "localhost"): the other machine's pid
   * means nothing here, so its lock is not stale, and prune waits for it.
   */
  @Test
  void aLockOfAnotherMachineWithThisHostsName_isNotStale_andKeepsPruneOut() throws Exception {
    long ended = endedPid();
    try (Volume v = TestData.init(new MemoryBackend(), TestData.smallVolume(), "VolumeLocksTest.other")) {
      put(v, Host.name() + "#000000000000", ended);
      assertThat(v.locks().list()).singleElement().extracting(LockInfo::stale).isEqualTo(false);
      assertThatThrownBy(() -> v.locks().acquire(true)).isInstanceOf(LockedException.class)
          .hasMessageContaining("shared lock of someone@" + Host.name() + " pid " + ended);
      assertThat(v.locks().removeStale()).isEmpty();
    }
  }

  /** A lock file as another process wrote it. */
  private static void put(Volume v, String host, long pid) throws Exception {
    v.files.save(FileType.LOCK, Json.write(Map.of("host", host, "pid", pid, "user", "someone", "time",
        Instant.now().toString(), "exclusive", false)));
  }

  private static long endedPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
