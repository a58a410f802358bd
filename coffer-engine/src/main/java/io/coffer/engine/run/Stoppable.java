package io.coffer.engine.run;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Streams that fail their next read or write once a run is aborted ({@link
 * RunControl.AbortedException}): the driver's copy or load loop sees the error, stops its child
 * processes and gives up — removing what it created, as after any failure — so an abort stops the
 * pipeline within one buffer, in a backup (the volume's streams the driver writes) and in a restore
 * (the volume's streams the driver reads).
 */
public final class Stoppable {

  private Stoppable() {}

  public static OutputStream output(OutputStream out, RunControl control) {
    return new FilterOutputStream(out) {
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
    };
  }

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
