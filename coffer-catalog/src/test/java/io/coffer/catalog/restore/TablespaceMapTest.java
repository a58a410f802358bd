package io.coffer.catalog.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tablespace map as the command line, the API and the catalog give it, read by one parser: the
 * same entries are kept, and the same bad ones refused with the field, the value and what is
 * accepted, in the names of the interface that reads the refusal.
 */
class TablespaceMapTest {

  @Test
  void theCommandLinesEntries_theApisObject_andTheStoredText_areOneMap() {
    TablespaceMap typed = TablespaceMap.parse(List.of("fast=/srv/fast", " 16390 = /srv/slow/../slow2 "));
    TablespaceMap posted = new TablespaceMap(Map.of("16390", "/srv/slow2", "fast", "/srv/fast"));

    assertThat(typed).isEqualTo(posted);
    assertThat(typed.entries()).containsExactly(entry("16390", "/srv/slow2"), entry("fast", "/srv/fast"));
    assertThat(TablespaceMap.stored(typed.text())).isEqualTo(typed);
    assertThat(TablespaceMap.stored("")).isEqualTo(TablespaceMap.NONE);
    assertThat(TablespaceMap.parse(null)).isEqualTo(TablespaceMap.NONE);
    assertThat(typed).hasToString("16390=/srv/slow2 fast=/srv/fast");
  }

  @Test
  void badEntries_areRefusedNamingTheFieldTheValueAndWhatIsAccepted() {
    refused(List.of("fast"), "fast", "no '=' between name and directory");
    refused(List.of("=/srv/x"), "=/srv/x", "no tablespace name");
    refused(List.of("fast=relative/dir"), "fast=relative/dir", "not absolute");
    refused(List.of("fast="), "fast=", "not absolute");
    refused(List.of("fast=/a", "fast=/b"), "fast=/b", "tablespace fast is given twice");
    refused(List.of("fast=/srv/x", "slow=/srv/y/../x"), "slow=/srv/y/../x", "tablespace fast goes there too");
  }

  @Test
  void aRefusal_namesTheOptionOnTheCommandLine_andTheFieldInTheApi() {
    RestoreRefusal e = catchThrowableOfType(RestoreRefusal.class, () -> new TablespaceMap(Map.of("fast", "relative")));

    assertThat(e.field()).isEqualTo("tablespace-map");
    assertThat(e.getMessage()).startsWith("tablespace-map \"fast=relative\" is not valid");
    assertThat(e.apiField()).isEqualTo("tablespaceMap");
    assertThat(e.apiMessage()).isEqualTo("tablespaceMap" + e.getMessage().substring("tablespace-map".length()));
  }

  private static void refused(List<String> given, String value, String reason) {
    assertThatThrownBy(() -> TablespaceMap.parse(given)).as(given.toString())
        .isInstanceOfSatisfying(RestoreRefusal.class, e -> {
          assertThat(e.field()).isEqualTo("tablespace-map");
          assertThat(e.value()).isEqualTo(value);
        })
        .hasMessageStartingWith("tablespace-map \"" + value + "\" is not valid (")
        .hasMessageContaining(reason).hasMessageContaining("accepted: NAME=DIR");
  }
}
