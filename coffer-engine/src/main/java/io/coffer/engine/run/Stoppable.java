package io.coffer.engine.run;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams that fail their next read once a run is aborted ({@link
 * RunControl.AbortedException}): the driver's copy or load loop sees the error, stops its child
 * processes and gives up — removing what it created, as after any failure — so an abort stops the
 * pipeline within one buffer in a restore (the volume's streams the driver reads). A backup's
 * streams check the same way as they are written ({@code VolumeSink}).
 */
public final class Stoppable {

  private Stoppable() {}

  public static InputStream input(InputStream in, RunControl control) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        control.checkpoint();
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        control.checkpoint();
        return in.read(b, off, len);
      }
    };
  }
}
