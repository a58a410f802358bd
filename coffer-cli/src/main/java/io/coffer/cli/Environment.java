package io.coffer.cli;

import io.coffer.cli.passphrase.ConsolePrompt;
import io.coffer.cli.passphrase.PassphrasePrompt;
import io.coffer.cli.progress.Terminals;
import io.coffer.repo.crypto.KdfParams;
import io.coffer.repo.MasterKeys;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * What a command may take from the process around it: environment variables, the binary standard
 * streams, the passphrase prompt, where progress bars go, how new key files are derived and where
 * the master keys of new volumes come from. The
 * process uses {@link #system()}; tests build their own so that no command reads global state.
 *
 * @param variables environment variables (passphrases come from here, never from arguments)
 * @param stdin what {@code volume put … -} reads
 * @param stdout where {@code volume cat} writes its bytes; text goes through picocli's writer
 * @param prompt asks for a passphrase on a terminal, absent without one
 * @param progress where progress bars are drawn, absent when stderr is not a terminal
 * @param kdf key derivation for key files created by {@code init}, {@code key add}, {@code key passwd}
 * @param masterKeys the master key of each volume {@code init} creates: fresh random keys; tests draw
 *     them from the run's seed, so that a failing run replays with the same chunk boundaries and ids
 */
public record Environment(
    Map<String, String> variables,
    InputStream stdin,
    OutputStream stdout,
    Optional<PassphrasePrompt> prompt,
    Optional<PrintStream> progress,
    KdfParams kdf,
    MasterKeys masterKeys) {

  public Environment {
    variables = Map.copyOf(variables);
  }

  /** The real process: its environment, standard streams and terminal. */
  public static Environment system() {
    return new Environment(
        System.getenv(),
        System.in,
        // The raw descriptor, not System.out: a PrintStream hides write errors such as a closed pipe.
        new FileOutputStream(FileDescriptor.out),
        ConsolePrompt.ifPresent(),
        Terminals.stderrIsTerminal() ? Optional.of(System.err) : Optional.empty(),
        KdfParams.defaults(),
        MasterKeys.random());
  }

  public Environment withVariables(Map<String, String> v) {
    return new Environment(v, stdin, stdout, prompt, progress, kdf, masterKeys);
  }

  public Environment withStdout(OutputStream out) {
    return new Environment(variables, stdin, out, prompt, progress, kdf, masterKeys);
  }

  public Environment withPrompt(Optional<PassphrasePrompt> p) {
    return new Environment(variables, stdin, stdout, p, progress, kdf, masterKeys);
  }

  public Environment withKdf(KdfParams k) {
    return new Environment(variables, stdin, stdout, prompt, progress, k, masterKeys);
  }

  public Optional<String> variable(String name) {
    return Optional.ofNullable(variables.get(name)).filter(v -> !v.isEmpty());
  }
}
