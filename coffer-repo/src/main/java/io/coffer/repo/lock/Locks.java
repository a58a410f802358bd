package io.coffer.repo.lock;

import io.coffer.repo.CorruptDataException;
import io.coffer.model.Host;
import io.coffer.repo.Json;
import io.coffer.repo.LockedException;
import io.coffer.repo.SealedFiles;
import io.coffer.repo.backend.Backend;
import io.coffer.repo.backend.FileInfo;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes and lists volume locks (docs/repository-format.md, "Locks").
 *
 * <p>Protocol: write our lock, then list; if a live conflicting lock exists, remove ours and fail.
 * Two contenders may both back off, never both proceed. A held lock is refreshed every 5 minutes by
 * writing a new file and removing the old, since files are never modified. A lock is stale when it is
 * older than 30 minutes or names this host and a pid that has exited.
 */
public final class Locks {

  public static final Duration REFRESH = Duration.ofMinutes(5);
  public static final Duration STALE = Duration.ofMinutes(30);
  private static final Logger log = LoggerFactory.getLogger(Locks.class);
  private static final ScheduledExecutorService REFRESHER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "coffer-lock-refresh");
            t.setDaemon(true);
            return t;
          });

  record Content(String host, long pid, String user, String time, boolean exclusive) {}

  private final Backend backend;
  private final SealedFiles files;

  public Locks(Backend backend, SealedFiles files) {
    this.backend = backend;
    this.files = files;
  }

  public Lock acquire(boolean exclusive) throws IOException {
    String mine = write(exclusive);
    for (LockInfo other : list()) {
      if (other.name().equals(mine) || other.stale()) {
        continue;
      }
      if (exclusive || other.exclusive()) {
        backend.remove(new Handle(FileType.LOCK, mine));
        throw new LockedException(
            "volume " + backend.location() + " is in use: " + other.describe()
                + (exclusive ? "; prune, forget and repair-index need it alone" : "")
                + ". If that process is gone, run `coffer volume unlock " + backend.location() + " --remove-stale` once the lock is stale (30 minutes)");
      }
    }
    return new Lock(mine, exclusive);
  }

  public List<LockInfo> list() throws IOException {
    List<LockInfo> out = new ArrayList<>();
    for (FileInfo f : backend.list(FileType.LOCK)) {
      String name = f.handle().name();
      try {
        Content c = Json.read(files.load(FileType.LOCK, name), Content.class, "lock " + name);
        out.add(new LockInfo(name, c.host(), c.pid(), c.user(), c.time(), c.exclusive(), isStale(c)));
      } catch (java.nio.file.NoSuchFileException gone) {
        // Released between list and load.
      } catch (CorruptDataException unreadable) {
        out.add(new LockInfo(name, "?", -1, "?", "?", false, true));
      }
    }
    return out;
  }

  /**
   * Removes the locks of one process, whatever their age: what another agent does for a process
   * that the catalog knows stopped answering (its job's lease ran out), so that prune need not wait
   * 30 minutes for them to turn stale. {@code host} is the name the catalog recorded for the
   * process; it is matched against the name within each lock's host identity. Returns what was
   * removed.
   */
  public List<LockInfo> removeHeldBy(String host, long pid) throws IOException {
    List<LockInfo> removed = new ArrayList<>();
    for (LockInfo l : list()) {
      if (Host.nameOf(l.host()).equals(Host.nameOf(host)) && l.pid() == pid) {
        backend.remove(new Handle(FileType.LOCK, l.name()));
        removed.add(l);
      }
    }
    return removed;
  }

  /** Removes stale locks; returns what was removed. */
  public List<LockInfo> removeStale() throws IOException {
    List<LockInfo> removed = new ArrayList<>();
    for (LockInfo l : list()) {
      if (l.stale()) {
        backend.remove(new Handle(FileType.LOCK, l.name()));
        removed.add(l);
      }
    }
    return removed;
  }

  private String write(boolean exclusive) throws IOException {
    Content c = new Content(Host.identity(), ProcessHandle.current().pid(), Host.user(), Instant.now().toString(),
        exclusive);
    return files.save(FileType.LOCK, Json.write(c));
  }

  private static boolean isStale(Content c) {
    try {
      if (Instant.parse(c.time()).isBefore(Instant.now().minus(STALE))) {
        return true;
      }
    } catch (RuntimeException badTime) {
      return true;
    }
    return ofThisHost(c.host()) && ProcessHandle.of(c.pid()).map(p -> !p.isAlive()).orElse(true);
  }

  /**
   * Whether a lock's pid is one of this host's. Locks name the host's {@link Host#identity()
   * identity}, so that a second machine resolving to the same name does not take this one's live
   * locks for its own dead ones and remove them (a prune could then run beside a backup). A lock
   * that names a plain host name (written before the identity, or on a host without a machine id)
   * is this host's when the names match, as it always was.
   */
  private static boolean ofThisHost(String host) {
    return Host.isThis(host);
  }

  /** A held lock; {@link #close()} releases it. */
  public final class Lock implements AutoCloseable {
    private final boolean exclusive;
    private volatile String name;
    private final ScheduledFuture<?> refresh;

    Lock(String name, boolean exclusive) {
      this.name = name;
      this.exclusive = exclusive;
      long period = REFRESH.toMillis();
      this.refresh = REFRESHER.scheduleAtFixedRate(this::refresh, period, period, TimeUnit.MILLISECONDS);
    }

    void refresh() {
      try {
        String old = name;
        name = write(exclusive);
        backend.remove(new Handle(FileType.LOCK, old));
      } catch (IOException | UncheckedIOException e) {
        log.warn("could not refresh lock on {}: {}", backend.location(), e.getMessage());
      }
    }

    @Override
    public void close() throws IOException {
      refresh.cancel(false);
      backend.remove(new Handle(FileType.LOCK, name));
    }
  }
}
