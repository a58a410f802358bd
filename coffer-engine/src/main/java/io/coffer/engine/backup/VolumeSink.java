package io.coffer.engine.backup;

import io.coffer.repo.BackupWriter;
import io.coffer.source.StreamSink;
import io.coffer.engine.run.RunControl;
import io.coffer.engine.run.Stoppable;
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
    return Stoppable.output(writer.openStream(name), control);
  }
}
