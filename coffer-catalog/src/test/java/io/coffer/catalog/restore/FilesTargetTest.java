package io.coffer.catalog.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.model.Kind;
import org.junit.jupiter.api.Test;

/** The FILES options a planned or queued restore carries, and the bad ones it refuses by name. */
class FilesTargetTest {

  @Test
  void blanksAreTheDefaults() {
    assertThat(new FilesTarget(" ", "", false, false)).isEqualTo(FilesTarget.NONE);
    assertThat(new FilesTarget(" /srv/x ", " base/1 ", false, false).directory()).isEqualTo("/srv/x");
    assertThat(FilesTarget.NONE.isDefault()).isTrue();
  }

  @Test
  void aRelativeDirectory_andAPathThatClimbsOrIsAbsolute_areRefusedByName() {
    assertThatThrownBy(() -> new FilesTarget("restored", null, false, false))
        .isInstanceOf(CatalogValidationException.class).hasMessageContaining("target-dir")
        .hasMessageContaining("restored").hasMessageContaining("absolute");
    for (String path : new String[] {"../etc", "base/../../etc", "/etc/passwd", ".."}) {
      assertThatThrownBy(() -> new FilesTarget("/srv/x", path, false, false)).as(path)
          .isInstanceOf(CatalogValidationException.class).hasMessageContaining("path").hasMessageContaining(path);
    }
    assertThat(new FilesTarget("/srv/x", "base/..data/1", false, false).path()).isEqualTo("base/..data/1");
  }

  @Test
  void theOptions_areOnlyForATreeBackup() {
    FilesTarget target = new FilesTarget("/srv/x", null, true, false);
    target.requireTreeBackup(3, Kind.FILES);
    target.requireTreeBackup(3, Kind.PHYSICAL);
    FilesTarget.NONE.requireTreeBackup(3, Kind.FULL);
    assertThatThrownBy(() -> target.requireTreeBackup(3, Kind.FULL))
        .isInstanceOf(CatalogValidationException.class).hasMessageContaining("target-dir")
        .hasMessageContaining("backup 3 is a FULL backup");
    assertThatThrownBy(() -> new FilesTarget(null, "base", false, false).requireTreeBackup(3, Kind.CLUSTER))
        .hasMessageContaining("path").hasMessageContaining("base");
  }

  @Test
  void aTablespaceMap_isOnlyForAPhysicalBackup() {
    FilesTarget mapped = FilesTarget.NONE.withTablespaces(TablespaceMap.parse(java.util.List.of("fast=/srv/fast")));
    mapped.requireTreeBackup(3, Kind.PHYSICAL);
    for (Kind kind : new Kind[] {Kind.FILES, Kind.FULL}) {
      assertThatThrownBy(() -> mapped.requireTreeBackup(3, kind)).as(kind.name())
          .isInstanceOfSatisfying(RestoreRefusal.class, e -> assertThat(e.apiField()).isEqualTo("tablespaceMap"))
          .hasMessageStartingWith("tablespace-map \"fast=/srv/fast\" is not valid (backup 3 is a " + kind)
          .hasMessageContaining("only for a PHYSICAL backup");
    }
  }

  /** Regression: force alone was refused as {@code path "null"}. */
  @Test
  void forceOrSymlinksAlone_forABackupOfDatabases_areRefusedUnderTheirOwnNames() {
    assertThatThrownBy(() -> new FilesTarget(null, null, true, false).requireTreeBackup(3, Kind.FULL))
        .isInstanceOfSatisfying(CatalogValidationException.class, e -> assertThat(e.field()).isEqualTo("force"))
        .hasMessageNotContaining("null");
    assertThatThrownBy(() -> new FilesTarget(null, null, false, true).requireTreeBackup(3, Kind.FULL))
        .isInstanceOfSatisfying(CatalogValidationException.class,
            e -> assertThat(e.field()).isEqualTo("allow-external-symlinks"));
  }
}
