package io.coffer.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StoppableTest {

  /** Aborted once {@code abort} is set. */
  private static RunControl control(AtomicBoolean abort) {
    return new RunControl() {
      @Override
      public boolean abortRequested() {
        return abort.get();
      }

      @Override
      public String abortReason() {
        return "aborted by job abort 7";
      }
    };
  }

  @Test
  void transferTo_passesTheWrappedStreamsOwnWrites_andStopsAtTheNextOneOnceAborted() throws Exception {
    AtomicBoolean abort = new AtomicBoolean();
    byte[] data = new byte[100_000];
    InputStream in = Stoppable.input(new ByteArrayInputStream(data), control(abort));
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    int[] writes = {0};
    assertThat(in.transferTo(new OutputStream() {
      @Override
      public void write(int b) {
        whole.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        writes[0]++;
        whole.write(b, off, len);
      }
    })).isEqualTo(data.length);
    // ByteArrayInputStream writes itself in one piece; through InputStream's own transferTo it
    // would have taken 8 KiB at a time.
    assertThat(writes[0]).isEqualTo(1);
    assertThat(whole.size()).isEqualTo(data.length);

    InputStream slices = new ByteArrayInputStream(data) {
      @Override
      public long transferTo(OutputStream out) throws java.io.IOException {
        out.write(data, 0, 10);
        abort.set(true);
        out.write(data, 10, 10);
        return 20;
      }
    };
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    abort.set(false);
    assertThatThrownBy(() -> Stoppable.input(slices, control(abort)).transferTo(got))
        .isInstanceOf(RunControl.AbortedException.class)
        .hasMessage("aborted by job abort 7");
    assertThat(got.size()).isEqualTo(10);
  }
}
