package io.coffer.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.model.Engine;
import io.coffer.model.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestorePlanTest {

  /** Regression: a PHYSICAL plan was rendered as "create database /srv/pg_copy from …", as if it restored databases. */
  @Test
  void render_saysAPhysicalBackupGoesIntoDirectories_asAFilesBackupDoes() {
    RestorePlan plan = new RestorePlan(Engine.POSTGRESQL, Kind.PHYSICAL, "pg", "", List.of(), List.of(
        new RestorePlan.DatabaseStep("/srv/pg as backed up at 2026-12-01T02:30:00Z", "/srv/pg_copy",
            RestorePlan.Existing.NONE, null),
        new RestorePlan.DatabaseStep("tablespace fast (/srv/fast)", "/srv/fast_copy", RestorePlan.Existing.NONE, null)),
        List.of(), List.of(), false, List.of("needs 100 bytes at the target"), List.of());

    assertThat(plan.render()).contains("restore /srv/pg as backed up at 2026-12-01T02:30:00Z into directory"
        + " /srv/pg_copy (new or empty)").contains("restore tablespace fast (/srv/fast) into directory /srv/fast_copy")
        .doesNotContain("create database");
  }
}
