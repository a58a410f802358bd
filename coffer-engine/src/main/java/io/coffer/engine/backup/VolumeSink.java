package io.coffer.engine.backup;

import io.coffer.repo.BackupWriter;
import io.coffer.source.StreamSink;
import io.coffer.engine.run.RunControl;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The drivers' {@link StreamSink} over a volume's {@link BackupWriter}: each stream a driver creates
 * becomes an entry of the backup, chunked and stored as it is written. The writer allows several
 * streams open at once, each fed by one thread, which is how drivers use a sink.
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
    return new Stoppable(writer.openStream(name), control);
  }

  /**
   * A stream that fails its next write once the run is aborted: the driver's copy loop sees the
   * error, kills its child process and gives up, so an abort stops the pipeline within a buffer.
   */
  private static final class Stoppable extends FilterOutputStream {

    private final RunControl control;

    Stoppable(OutputStream out, RunControl control) {
      super(out);
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
  }
}
