package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgPostDataPassesTest {

  /** The list pg_restore printed for the post-data archive of a pgbench database with two indexes. */
  private static final String PGBENCH = """
      ;
      ; Archive created at 2026-12-06 02:14:11 UTC
      ;     dbname: bench
      ;
      ; Selected TOC Entries:
      ;
      3213; 2606 20122 CONSTRAINT public pgbench_accounts pgbench_accounts_pkey postgres
      3215; 2606 20118 CONSTRAINT public pgbench_branches pgbench_branches_pkey postgres
      3210; 1259 20149 INDEX public pgbench_accounts_abalance_aid_idx postgres
      3211; 1259 20148 INDEX public pgbench_accounts_bid_idx postgres
      3220; 2606 20128 FK CONSTRAINT public pgbench_accounts pgbench_accounts_bid_fkey postgres
      """;

  @Test
  void indexBuilds_goFirst_andConstraintsAfter_withoutTheComments() {
    assertThat(PgPostDataPasses.of(PGBENCH)).containsExactly("""
        3210; 1259 20149 INDEX public pgbench_accounts_abalance_aid_idx postgres
        3211; 1259 20148 INDEX public pgbench_accounts_bid_idx postgres
        """, """
        3213; 2606 20122 CONSTRAINT public pgbench_accounts pgbench_accounts_pkey postgres
        3215; 2606 20118 CONSTRAINT public pgbench_branches pgbench_branches_pkey postgres
        3220; 2606 20128 FK CONSTRAINT public pgbench_accounts pgbench_accounts_bid_fkey postgres
        """);
  }

  /** An index attached to a partitioned index needs both built: it is not an index build. */
  @Test
  void indexAttach_andCommentsOnIndexes_followTheIndexBuilds() {
    String toc = """
        4001; 1259 30001 INDEX public events_at_idx postgres
        4002; 1259 30002 INDEX public events_2026_at_idx postgres
        4003; 0 0 INDEX ATTACH public events_2026_at_idx postgres
        4004; 0 0 COMMENT public INDEX events_at_idx postgres
        """;

    assertThat(PgPostDataPasses.of(toc)).containsExactly("""
        4001; 1259 30001 INDEX public events_at_idx postgres
        4002; 1259 30002 INDEX public events_2026_at_idx postgres
        """, """
        4003; 0 0 INDEX ATTACH public events_2026_at_idx postgres
        4004; 0 0 COMMENT public INDEX events_at_idx postgres
        """);
  }

  @Test
  void aPassWithNothingInIt_isLeftOut() {
    assertThat(PgPostDataPasses.of("3213; 2606 20122 CONSTRAINT public t t_pkey postgres\n"))
        .containsExactly("3213; 2606 20122 CONSTRAINT public t t_pkey postgres\n");
    assertThat(PgPostDataPasses.of(";\n; nothing\n")).isEmpty();
  }
}
