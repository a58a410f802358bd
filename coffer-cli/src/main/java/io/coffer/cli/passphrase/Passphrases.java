package io.coffer.cli.passphrase;

import io.coffer.cli.Environment;
import io.coffer.cli.UserException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds passphrases: a file named by an environment variable, then the variable holding the
 * passphrase itself, then the terminal. Never an argument, so that it never shows in a process
 * list; never printed, so that it never lands in a log.
 */
public final class Passphrases {

  public static final String FILE = "COFFER_PASSWORD_FILE";
  public static final String VALUE = "COFFER_PASSWORD";
  public static final String NEW_FILE = "COFFER_NEW_PASSWORD_FILE";
  public static final String NEW_VALUE = "COFFER_NEW_PASSWORD";
  public static final String USER_FILE = "COFFER_USER_PASSWORD_FILE";
  public static final String USER_VALUE = "COFFER_USER_PASSWORD";

  private final Environment env;

  public Passphrases(Environment env) {
    this.env = env;
  }

  /** The passphrase that opens the volume at {@code location}. */
  public char[] existing(String location) {
    return find(FILE, VALUE, "passphrase for volume " + location + ": ", false, "volume " + location);
  }

  /** The passphrase of a new volume; typed twice when asked for on the terminal. */
  public char[] chosen(String location) {
    return find(FILE, VALUE, "passphrase for new volume " + location + ": ", true, "volume " + location);
  }

  /** A new passphrase for {@code key add} and {@code key passwd}; typed twice on the terminal. */
  public char[] replacement(String location) {
    return find(NEW_FILE, NEW_VALUE, "new passphrase for volume " + location + ": ", true, "volume " + location);
  }

  /** The password of an API user being added or changed; typed twice on the terminal. */
  public char[] userPassword(String user) {
    return find(USER_FILE, USER_VALUE, "password for user " + user + ": ", true, "user " + user);
  }

  /** Overwrites a passphrase that is no longer needed. */
  public static void wipe(char[] passphrase) {
    if (passphrase != null) {
      Arrays.fill(passphrase, '\0');
    }
  }

  private char[] find(String fileVariable, String valueVariable, String prompt, boolean confirm, String what) {
    Optional<String> file = env.variable(fileVariable);
    if (file.isPresent()) {
      return fromFile(fileVariable, Path.of(file.get()));
    }
    Optional<String> value = env.variable(valueVariable);
    if (value.isPresent()) {
      return value.get().toCharArray();
    }
    PassphrasePrompt p =
        env.prompt()
            .orElseThrow(
                () ->
                    new UserException(
                        "no passphrase for " + what + ": set " + fileVariable + " (a file holding it) or "
                            + valueVariable + ", or run coffer on a terminal to be asked"));
    return ask(p, prompt, confirm);
  }

  private static char[] ask(PassphrasePrompt p, String prompt, boolean confirm) {
    char[] first = p.read(prompt);
    if (first == null || first.length == 0) {
      throw new UserException("no passphrase entered");
    }
    if (!confirm) {
      return first;
    }
    char[] second = p.read("repeat " + prompt);
    boolean same = Arrays.equals(first, second);
    wipe(second);
    if (!same) {
      wipe(first);
      throw new UserException("the two passphrases differ; nothing was changed");
    }
    return first;
  }

  private static char[] fromFile(String variable, Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UserException(variable + " names " + file + ", which cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    int end = bytes.length;
    // Editors and `echo` end the file with a line break that is not part of the passphrase.
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
      end--;
    }
    try {
      if (end == 0) {
        throw new UserException(variable + " names " + file + ", which holds no passphrase");
      }
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, 0, end));
      char[] out = new char[chars.remaining()];
      chars.get(out);
      Arrays.fill(chars.array(), '\0');
      return out;
    } catch (CharacterCodingException e) {
      throw new UserException(variable + " names " + file + ", which is not UTF-8 text");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
