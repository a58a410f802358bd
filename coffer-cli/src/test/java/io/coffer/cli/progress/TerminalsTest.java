package io.coffer.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the launcher tells of stderr ({@link Terminals#TOLD}) is the answer, without asking jline:
 * the tests' stderr is no terminal, so only the told answer can say true here.
 */
class TerminalsTest {

  @AfterEach
  void forget() {
    System.clearProperty(Terminals.TOLD);
  }

  @Test
  void aToldTerminal_isATerminal_thoughStderrIsAPipeHere() {
    System.setProperty(Terminals.TOLD, "true");

    assertThat(Terminals.stderrIsTerminal()).isTrue();
  }

  @Test
  void toldNoTerminal_orNotTold_isNoTerminal() {
    System.setProperty(Terminals.TOLD, "false");
    assertThat(Terminals.stderrIsTerminal()).isFalse();

    System.clearProperty(Terminals.TOLD);
    assertThat(Terminals.stderrIsTerminal()).as("jline asked: the tests' stderr is a pipe").isFalse();
  }
}
