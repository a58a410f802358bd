package io.coffer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.model.Engine;
import io.coffer.model.Kind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What each engine's driver passes on to its dump tool, and the refusals that name what is accepted. */
class ExtraParametersTest {

  @Test
  void acceptedOptions_areSplitIntoWords() {
    assertThat(ExtraParameters.parse("postgresql", "  --no-owner   --no-privileges ")).containsExactly("--no-owner",
        "--no-privileges");
    assertThat(ExtraParameters.parse("mariadb", "--ignore-table=shop.audit --max-allowed-packet=64M --skip-events"))
        .containsExactly("--ignore-table=shop.audit", "--max-allowed-packet=64M", "--skip-events");
    assertThat(ExtraParameters.parse("sqlite", "  ")).isEmpty();
    assertThat(ExtraParameters.parse("mariadb", null)).isEmpty();
  }

  @Test
  void optionsThatChangeWhereOrHowTheDumpIsWritten_areRefusedWithWhatIsAccepted() {
    assertThatThrownBy(() -> ExtraParameters.parse("postgresql", "--no-owner --file=/tmp/x.sql"))
        .isInstanceOf(ExtraParameters.Refused.class)
        .hasMessageStartingWith("extra-parameters \"--file=/tmp/x.sql\" is not valid (the postgresql driver does"
            + " not pass it on: it could change where the dump goes")
        .hasMessageContaining("accepted: --no-owner, --no-privileges");
    for (String word : new String[] {"--format=directory", "--snapshot=1", "--dbname=x", "--section=data", "-h",
        "--jobs=4", "--compress=9"}) {
      assertThatThrownBy(() -> ExtraParameters.parse("postgresql", word)).as(word).hasMessageContaining(word);
    }
    for (String word : new String[] {"--result-file=/tmp/x", "--skip-comments", "--compact", "--tab=/tmp",
        "--defaults-file=/etc/x", "--host=other", "--skip-tz-utc", "--where=1=0"}) {
      assertThatThrownBy(() -> ExtraParameters.parse("mariadb", word)).as(word).hasMessageContaining(word)
          .hasMessageContaining("accepted: --skip-triggers");
    }
  }

  @Test
  void valuesMustHaveTheirForm_andQuotesAreRefused() {
    assertThatThrownBy(() -> ExtraParameters.parse("mariadb", "--ignore-table=audit"))
        .hasMessageContaining("a mariadb node takes it as --ignore-table=DATABASE.TABLE");
    assertThatThrownBy(() -> ExtraParameters.parse("mariadb", "--max-allowed-packet=lots"))
        .hasMessageContaining("--max-allowed-packet=SIZE");
    assertThatThrownBy(() -> ExtraParameters.parse("mariadb", "--ignore-table='shop.audit'"))
        .hasMessageContaining("quotes and backslashes are not accepted");
  }

  @Test
  void enginesWithoutADumpTool_takeNone() {
    assertThatThrownBy(() -> ExtraParameters.parse("sqlite", "--no-owner"))
        .hasMessage("extra-parameters \"--no-owner\" is not valid (a sqlite node has no dump tool to pass them to);"
            + " accepted: none (leave it empty)");
    assertThatThrownBy(() -> ExtraParameters.parse("filesystem", "-x")).hasMessageContaining("a filesystem node");
  }

  @Test
  void aBackupRequest_checksItsExtraParametersAgainstItsNode() {
    NodeAccess sqlite = new NodeAccess(Engine.SQLITE, null, 0, null, null, Path.of("/srv/data"));
    assertThatThrownBy(() -> new BackupRequest(sqlite, MemberSelector.one("a.db"), Kind.FULL, 1,
        java.util.List.of("--no-owner"))).isInstanceOf(ExtraParameters.Refused.class);
    assertThat(new BackupRequest(sqlite, MemberSelector.one("a.db"), Kind.FULL, 1).extraParameters()).isEmpty();
  }
}
