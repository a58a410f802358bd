package io.coffer.engine.volume;

import io.coffer.engine.EngineException;
import io.coffer.repo.HotPaths;
import io.coffer.repo.MasterKeys;
import io.coffer.repo.Volume;
import io.coffer.repo.VolumeOptions;
import io.coffer.repo.backend.Backend;
import io.coffer.repo.backend.Backends;
import io.coffer.repo.backend.S3Options;
import io.coffer.repo.index.MasterIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * Opens volumes by location and keeps them open until {@link #close()}: opening an encrypted volume
 * derives its key with Argon2id (about half a second), which a command touching one volume several
 * times, or a shell session, should pay once.
 *
 * <p>Thread-safe: opening is serialised; an open {@link Volume} is itself thread-safe.
 */
public final class VolumeOpener implements AutoCloseable {

  private final S3Options s3;
  private final PassphraseSource passphrases;
  private final UnaryOperator<Backend> wrapper;
  private final Path indexDirectory;
  private final Map<String, CompletableFuture<Volume>> open = new LinkedHashMap<>();

  public VolumeOpener(S3Options s3, PassphraseSource passphrases) {
    this(s3, passphrases, UnaryOperator.identity());
  }

  /**
   * @param wrapper wraps each backend opened, as retry or metrics would; tests wrap it in the test jar's
   *     FaultyBackend to show what a full disk does to a backup or restore
   */
  public VolumeOpener(S3Options s3, PassphraseSource passphrases, UnaryOperator<Backend> wrapper) {
    this(s3, passphrases, wrapper, MasterIndex.TEMPORARY_DIRECTORY);
  }

  /**
   * @param indexDirectory where the volumes' indexes are mapped outside the heap ({@link
   *     Volume#open(Backend, char[], Path)}): Coffer's cache, on a disk
   */
  public VolumeOpener(S3Options s3, PassphraseSource passphrases, UnaryOperator<Backend> wrapper, Path indexDirectory) {
    this.s3 = s3;
    this.passphrases = passphrases;
    this.wrapper = wrapper;
    this.indexDirectory = indexDirectory;
  }

  /** The volume at {@code location}, opened on first use (or by {@link #openAhead}). */
  public Volume open(String location) {
    return open(location, HotPaths.READING_AND_WRITING);
  }

  /**
   * The same, compiling ahead only the paths given if this call opens it (a restore only reads:
   * {@link HotPaths#READING}).
   */
  public Volume open(String location, HotPaths warmUp) {
    CompletableFuture<Volume> opening = opening(location, Runnable::run, warmUp);
    try {
      return opening.join();
    } catch (CompletionException e) {
      forget(location, opening);
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * Starts opening the volume on a thread of its own and returns at once; {@link #open} then waits
   * for it. Argon2id takes most of a second of one core, which a backup or restore can spend while
   * it talks to the node; on failure {@link #open} throws what the opening threw.
   */
  public void openAhead(String location) {
    openAhead(location, HotPaths.READING_AND_WRITING);
  }

  /**
   * Starts opening as {@link #openAhead(String)} does, compiling ahead only the paths given: a
   * restore only reads ({@link HotPaths#READING}); with {@link HotPaths#NONE} they are compiled on
   * purpose only if {@link #warmUp()} asks for it before the opening ends, as a backup does, which
   * knows whether it has enough data to pay for them only once the node has answered.
   */
  public void openAhead(String location, HotPaths warmUp) {
    opening(location, task -> {
      Thread thread = new Thread(task, "coffer-volume-open");
      thread.setDaemon(true);
      thread.start();
    }, warmUp);
  }

  /**
   * Compiles the volumes' hot paths on a background thread while a volume is being opened (once per
   * process; nothing once every opening has ended): {@link Volume#warmUp()}.
   */
  public void warmUp() {
    Volume.warmUp();
  }

  /** Whether {@link #warmUp()} would do anything now (a volume is being opened, no warm-up ran yet). */
  public boolean canWarmUp() {
    return Volume.canWarmUp();
  }

  private synchronized CompletableFuture<Volume> opening(String location, Executor executor, HotPaths warmUp) {
    CompletableFuture<Volume> opening = open.get(location);
    if (opening == null) {
      // Run in place (Runnable::run) this holds the lock while opening, serialising opens as before.
      opening = CompletableFuture.supplyAsync(() -> openNew(location, warmUp), executor);
      open.put(location, opening);
    }
    return opening;
  }

  /** A failed opening is not kept: the next {@link #open} tries again. */
  private synchronized void forget(String location, CompletableFuture<Volume> failed) {
    open.remove(location, failed);
  }

  /** Whether a volume exists at {@code location}, without unlocking it. */
  public boolean exists(String location) {
    try (Backend backend = backend(location)) {
      Volume.readConfig(backend);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Creates a volume at {@code location} around the next of {@code keys} ({@link MasterKeys#random()}
   * outside tests), reached as every other volume of this engine is; the caller closes it. {@code
   * passphrase} is null for an unencrypted volume and stays the caller's to wipe.
   */
  public Volume create(String location, VolumeOptions options, char[] passphrase, MasterKeys keys) throws IOException {
    Backend backend = backend(location);
    try {
      return Volume.init(backend, options, passphrase, keys.next(), indexDirectory);
    } catch (IOException | RuntimeException e) {
      closeQuietly(backend);
      throw e;
    }
  }

  private Volume openNew(String location, HotPaths warmUp) {
    Backend backend = backend(location);
    char[] passphrase = null;
    try {
      if (Volume.readConfig(backend).encrypted()) {
        passphrase = passphrases.passphrase(location);
      }
      return Volume.open(backend, passphrase, indexDirectory, warmUp);
    } catch (IOException e) {
      closeQuietly(backend);
      throw new EngineException("cannot open volume " + location + ": " + message(e), e);
    } catch (RuntimeException e) {
      closeQuietly(backend);
      throw e;
    } finally {
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
    }
  }

  private Backend backend(String location) {
    return wrapper.apply(Backends.open(location, s3));
  }

  private static String message(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException ? "no volume there (" + e.getMessage() + " is missing)"
        : e.getMessage();
  }

  private static void closeQuietly(Backend backend) {
    try {
      backend.close();
    } catch (IOException | RuntimeException e) {
      // The open already failed; that failure is the one to report.
    }
  }

  @Override
  public void close() {
    List<CompletableFuture<Volume>> openings;
    synchronized (this) {
      openings = new ArrayList<>(open.values());
      open.clear();
    }
    UncheckedIOException failure = null;
    for (CompletableFuture<Volume> opening : openings) {
      Volume volume;
      try {
        volume = opening.join();
      } catch (CompletionException e) {
        continue; // never opened: nothing to close, and its failure was reported to whoever waited
      }
      try {
        volume.close();
      } catch (IOException e) {
        failure = new UncheckedIOException("cannot close volume " + volume.location(), e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
