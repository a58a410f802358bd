package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PgSqlTest {

  @Test
  void listSettings_areSplitIntoQuotedElements_likePgDump() {
    assertThat(PgSql.splitList("\"$user\", app, \"Ünï, cödé\"")).containsExactly("$user", "app", "Ünï, cödé");
    assertThat(PgSql.assignment(new PgSetting(null, "search_path", "\"$user\", public")))
        .isEqualTo("search_path TO '$user', 'public'");
    assertThat(PgSql.assignment(new PgSetting(null, "work_mem", "8MB"))).isEqualTo("work_mem TO '8MB'");
  }

  @Test
  void role_isRenderedWithEveryAttributeAndItsStoredHash() {
    PgRole role = new PgRole("O'Brien", false, false, true, false, true, true, false, false, 3,
        "SCRAM-SHA-256$4096:abc", "2030-01-01 00:00:00+00", "it's me", List.of(new PgSetting(null, "work_mem", "4MB")));
    assertThat(PgSql.createRole(role)).containsExactly(
        "CREATE ROLE \"O'Brien\"",
        "ALTER ROLE \"O'Brien\" WITH NOSUPERUSER INHERIT NOCREATEROLE CREATEDB LOGIN NOREPLICATION NOBYPASSRLS"
            + " CONNECTION LIMIT 3 PASSWORD 'SCRAM-SHA-256$4096:abc' VALID UNTIL '2030-01-01 00:00:00+00'",
        "COMMENT ON ROLE \"O'Brien\" IS 'it''s me'",
        "ALTER ROLE \"O'Brien\" SET work_mem TO '4MB'");
  }

  @Test
  void defaultAcl_rendersNothing_capturedAclIsRebuiltInOrder() {
    PgDatabase plain = new PgDatabase("db", "o", "UTF8", "C", "C", "c", null, -1, true, false, "pg_default", null, null,
        List.of());
    assertThat(PgSql.databaseProperties(plain, "x")).isEmpty();
    PgDatabase locked = new PgDatabase("db", "o", "UTF8", "C", "C", "c", null, 5, true, false, "pg_default", null,
        List.of(new PgGrant("o", "CONNECT", false), new PgGrant(null, "TEMPORARY", false)), List.of());
    assertThat(PgSql.databaseProperties(locked, "x")).containsExactly(
        "REVOKE ALL ON DATABASE \"x\" FROM PUBLIC",
        "REVOKE ALL ON DATABASE \"x\" FROM \"o\"",
        "GRANT CONNECT ON DATABASE \"x\" TO \"o\"",
        "GRANT TEMPORARY ON DATABASE \"x\" TO PUBLIC",
        "ALTER DATABASE \"x\" WITH CONNECTION LIMIT 5");
  }
}
