package io.coffer.cli.progress;

import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Tells whether stderr is a terminal. The JDK only answers for stdin and stdout together ({@code
 * System.console()}), but {@code coffer volume cat … > file} has stdout redirected while the person
 * still watches stderr, so ask jline's native provider (isatty) and fall back to its exec provider.
 */
public final class Terminals {

  private Terminals() {}

  public static boolean stderrIsTerminal() {
    for (String provider : new String[] {"jni", "exec"}) {
      try {
        return TerminalProvider.load(provider).isSystemStream(SystemStream.Error);
      } catch (Exception | LinkageError unavailable) {
        // Try the next provider; without any, no progress bar is the safe answer.
      }
    }
    return false;
  }
}
