package io.coffer.source;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Wraps the engine's sink so that every stream a driver writes is buffered and counted, and reported
 * once closed with the sink's digest of it ({@link StoredStream}), or, from a sink without one, the
 * SHA-256 of its bytes. Drivers write through one of these, which is where {@link
 * BackupReport#streams()} comes from. Thread-safe like the sink it wraps.
 */
public final class RecordingSink implements StreamSink {

  private static final int BUFFER = 1 << 16;

  /** How often, in bytes, a growing stream is reported to the listener. */
  private static final long PROGRESS_STEP = 4L << 20;

  private final StreamSink sink;
  private final SourceListener listener;
  private final Set<String> created = new HashSet<>();
  private final List<StreamReport> written = new ArrayList<>();

  public RecordingSink(StreamSink sink, SourceListener listener) {
    this.sink = sink;
    this.listener = listener;
  }

  @Override
  public OutputStream create(String name) throws IOException {
    synchronized (this) {
      if (!created.add(name)) {
        throw new IOException("stream " + name + " was already written in this backup");
      }
    }
    return new BufferedOutputStream(new Recording(name, sink.create(name)), BUFFER);
  }

  /** The streams closed so far, by name. */
  public synchronized List<StreamReport> streams() {
    List<StreamReport> sorted = new ArrayList<>(written);
    sorted.sort(Comparator.comparing(StreamReport::name));
    return sorted;
  }

  private void closed(StreamReport report) {
    synchronized (this) {
      written.add(report);
    }
    listener.streamWritten(report);
  }

  private final class Recording extends FilterOutputStream {
    private final String name;
    /** Null when the sink's stream names its content itself. */
    private final MessageDigest sha256;
    private long bytes;
    private long nextProgress = PROGRESS_STEP;
    private boolean closed;

    Recording(String name, OutputStream out) {
      super(out);
      this.name = name;
      sha256 = out instanceof StoredStream ? null : sha256();
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK always provides SHA-256", e);
      }
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      if (sha256 != null) {
        sha256.update((byte) b);
      }
      counted(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      if (sha256 != null) {
        sha256.update(b, off, len);
      }
      counted(len);
    }

    private void counted(int n) {
      bytes += n;
      if (bytes >= nextProgress) {
        nextProgress = bytes + PROGRESS_STEP;
        listener.progress(name, bytes);
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      out.close();
      closed(sha256 == null
          ? new StreamReport(name, bytes, null, ((StoredStream) out).contentDigest())
          : new StreamReport(name, bytes, HexFormat.of().formatHex(sha256.digest()), null));
    }
  }
}
