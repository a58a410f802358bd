package io.coffer.cli.progress;

import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Tells whether stderr is a terminal. The JDK only answers for stdin and stdout together ({@code
 * System.console()}), but {@code coffer volume cat … > file} has stdout redirected while the person
 * still watches stderr, so ask jline's native provider (isatty) and fall back to its exec provider;
 * unless the launcher told the answer ({@value #TOLD}), which its shell knows for free: jline writes
 * its native library to the temporary directory and loads it first, about 0.03 s of every start.
 */
public final class Terminals {

  /** The system property by which the launcher tells whether stderr is a terminal: true or false. */
  public static final String TOLD = "coffer.stderr-terminal";

  private Terminals() {}

  public static boolean stderrIsTerminal() {
    String told = System.getProperty(TOLD);
    if (told != null) {
      return Boolean.parseBoolean(told);
    }
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
