package io.coffer.cli.passphrase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.cli.Environment;
import io.coffer.cli.UserException;
import io.coffer.repo.TestData;
import io.coffer.repo.crypto.KdfParams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphrasesTest {

  @TempDir Path tmp;
  private final List<String> prompts = new ArrayList<>();

  private Environment env(Map<String, String> vars, String... typed) {
    Deque<String> answers = new ArrayDeque<>(List.of(typed));
    PassphrasePrompt prompt =
        p -> {
          prompts.add(p);
          return answers.isEmpty() ? null : answers.removeFirst().toCharArray();
        };
    return new Environment(vars, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), typed.length == 0 ? Optional.empty() : Optional.of(prompt), Optional.empty(), KdfParams.weakForTests(), TestData.masterKeys("PassphrasesTest"));
  }

  @Test
  void file_thenVariable_thenPrompt() throws Exception {
    Path file = Files.writeString(tmp.resolve("p"), "from file\r\n");
    assertThat(new Passphrases(env(Map.of("COFFER_PASSWORD_FILE", file.toString(), "COFFER_PASSWORD", "var"))).existing("v")).isEqualTo("from file".toCharArray());
    assertThat(new Passphrases(env(Map.of("COFFER_PASSWORD", "var"), "typed")).existing("v")).isEqualTo("var".toCharArray());
    assertThat(new Passphrases(env(Map.of(), "typed")).existing("/srv/vol")).isEqualTo("typed".toCharArray());
    assertThat(prompts).containsExactly("passphrase for volume /srv/vol: ");
  }

  @Test
  void emptyVariables_countAsUnset() {
    assertThat(new Passphrases(env(Map.of("COFFER_PASSWORD", "", "COFFER_PASSWORD_FILE", ""), "typed")).existing("v")).isEqualTo("typed".toCharArray());
  }

  @Test
  void newPassphrases_areTypedTwice_andMustMatch() {
    assertThat(new Passphrases(env(Map.of(), "a", "a")).chosen("v")).isEqualTo("a".toCharArray());
    assertThat(prompts).containsExactly("passphrase for new volume v: ", "repeat passphrase for new volume v: ");
    assertThatThrownBy(() -> new Passphrases(env(Map.of(), "a", "b")).replacement("v")).isInstanceOf(UserException.class).hasMessage("the two passphrases differ; nothing was changed");
  }

  @Test
  void replacement_readsTheNewVariables_notTheCurrentOnes() {
    Passphrases p = new Passphrases(env(Map.of("COFFER_PASSWORD", "old", "COFFER_NEW_PASSWORD", "new")));
    assertThat(p.existing("v")).isEqualTo("old".toCharArray());
    assertThat(p.replacement("v")).isEqualTo("new".toCharArray());
  }

  @Test
  void nothingAvailable_isAClearError() {
    assertThatThrownBy(() -> new Passphrases(env(Map.of())).replacement("/srv/vol"))
        .isInstanceOf(UserException.class)
        .hasMessage("no passphrase for volume /srv/vol: set COFFER_NEW_PASSWORD_FILE (a file holding it) or COFFER_NEW_PASSWORD, or run coffer on a terminal to be asked");
  }

  @Test
  void emptyFileOrPrompt_isRefused() throws Exception {
    Path empty = Files.writeString(tmp.resolve("e"), "\n");
    assertThatThrownBy(() -> new Passphrases(env(Map.of("COFFER_PASSWORD_FILE", empty.toString()))).existing("v")).hasMessageContaining("holds no passphrase");
    assertThatThrownBy(() -> new Passphrases(env(Map.of(), "")).existing("v")).hasMessage("no passphrase entered");
  }
}
