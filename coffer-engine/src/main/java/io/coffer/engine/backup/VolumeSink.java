package io.coffer.engine.backup;

import io.coffer.repo.BackupWriter;
import io.coffer.repo.ChunkerHandoff;
import io.coffer.source.StoredStream;
import io.coffer.source.StreamSink;
import io.coffer.engine.run.RunControl;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The drivers' {@link StreamSink} over a volume's {@link BackupWriter}: each stream a driver creates
 * becomes an entry of the backup, chunked and stored as it is written. The writer allows several
 * streams open at once, each fed by one thread, which is how drivers use a sink. Each stream is named
 * by the volume's digest of its blob ids ({@link StoredStream}), and a stopped run stops its writes.
 */
final class VolumeSink implements StreamSink {

  private final BackupWriter writer;
  private final RunControl control;

  VolumeSink(BackupWriter writer, RunControl control) {
    this.writer = writer;
    this.control = control;
  }

  @Override
  public OutputStream create(String name) throws IOException {
    if (ReportStream.NAME.equals(name)) {
      throw new IOException("stream name " + name + " is reserved for the backup's report");
    }
    control.checkpoint();
    return new Stream(writer.openStream(name), control);
  }

  private static final class Stream extends OutputStream implements StoredStream {
    private final ChunkerHandoff out;
    private final RunControl control;

    Stream(ChunkerHandoff out, RunControl control) {
      this.out = out;
      this.control = control;
    }

    @Override
    public void write(int b) throws IOException {
      control.checkpoint();
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      control.checkpoint();
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }

    @Override
    public String contentDigest() {
      return out.entry().contentDigest();
    }
  }
}
