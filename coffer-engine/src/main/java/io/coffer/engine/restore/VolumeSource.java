package io.coffer.engine.restore;

import io.coffer.engine.backup.ReportStream;
import io.coffer.repo.BackupReader;
import io.coffer.repo.BlockPipe;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Manifest;
import io.coffer.source.StreamSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The drivers' {@link StreamSource} over one backup in a volume. Each opened stream is filled by
 * its own thread reading the volume; a failure there (a damaged pack, a lost connection) is handed
 * to the reader at the end of the stream as an {@link IOException} with the cause, never as a
 * silently short stream.
 */
final class VolumeSource implements StreamSource {

  /** Up to 4 MiB per stream between the thread reading the volume and the driver. */
  private static final int BLOCK = 1 << 20;
  private static final int BLOCKS = 4;

  private final BackupReader reader;
  private final String manifestId;
  private final Manifest manifest;
  private final ProgressListener progress;

  VolumeSource(BackupReader reader, String manifestId, Manifest manifest, ProgressListener progress) {
    this.reader = reader;
    this.manifestId = manifestId;
    this.manifest = manifest;
    this.progress = progress;
  }

  @Override
  public List<String> names() {
    return manifest.entries().stream().filter(e -> !e.isTree()).map(Entry::name)
        .filter(name -> !name.equals(ReportStream.NAME)).sorted().toList();
  }

  @Override
  public InputStream open(String name) throws IOException {
    Entry entry = manifest.entry(name);
    if (entry == null || entry.isTree()) {
      throw new NoSuchFileException(name, null, "backup " + manifestId.substring(0, 12) + " has no such stream");
    }
    BlockPipe pipe = new BlockPipe(BLOCK, BLOCKS);
    InputStream in = pipe.input();
    java.io.OutputStream out = pipe.output();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try (out) {
        reader.cat(manifestId, name, new ProgressOutput(out, progress), ProgressListener.NONE);
      } catch (IOException | RuntimeException e) {
        failure.set(e);
      }
    }, "coffer-restore-" + name);
    thread.setDaemon(true);
    thread.start();
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
          rethrow();
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
          rethrow();
        }
        return n;
      }

      private void rethrow() throws IOException {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while reading " + name);
        }
        Throwable cause = failure.get();
        if (cause != null) {
          throw new IOException("reading stream " + name + " from the volume failed: " + cause.getMessage(), cause);
        }
      }
    };
  }

  /** Counts restored bytes for the progress bar as the driver consumes them. */
  private static final class ProgressOutput extends java.io.FilterOutputStream {
    private final ProgressListener progress;

    ProgressOutput(java.io.OutputStream out, ProgressListener progress) {
      super(out);
      this.progress = progress;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      progress.advance(len);
    }
  }
}
