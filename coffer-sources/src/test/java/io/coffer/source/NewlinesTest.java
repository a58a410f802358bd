package io.coffer.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NewlinesTest {

  @Test
  void next_findsTheFirstNewline_atEveryAlignment_andNoneWhereThereIsNone() {
    for (int length = 0; length <= 40; length++) {
      for (int at = -1; at < length; at++) {
        byte[] b = new byte[length + 3];
        java.util.Arrays.fill(b, (byte) 'x');
        b[1] = '\n';   // before the range: not seen
        if (at >= 0) {
          b[2 + at] = '\n';
          if (2 + at + 1 < 2 + length) {
            b[2 + at + 1] = '\n';   // a second one right after: the first is reported
          }
          // A byte one above a newline's value must not be taken for one.
          if (at > 0) {
            b[2 + at - 1] = 0x0b;
          }
        }
        b[2 + length] = '\n';   // after the range: not seen
        int expected = at < 0 ? -1 : 2 + at;
        assertThat(Newlines.next(b, 2, 2 + length)).as("length %d, newline at %d", length, at)
            .isEqualTo(expected);
      }
    }
  }
}
