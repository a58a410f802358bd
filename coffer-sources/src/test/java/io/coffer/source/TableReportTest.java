package io.coffer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableReportTest {

  @Test
  void aTableInTheUsualForm_isWrittenAsBefore_andABinaryOneSaysSo() throws Exception {
    TableReport text = new TableReport(null, "t", 3, "abc", "db/t.sql", List.of());
    assertThat(SourceJson.mapper().writeValueAsString(text))
        .isEqualTo("{\"schema\":null,\"table\":\"t\",\"rows\":3,\"checksum\":\"abc\",\"stream\":\"db/t.sql\",\"columns\":[]}");

    TableReport binary = new TableReport("s", "t", 3, "abc", "db/tables/s.t.copy", List.of("a"), TableReport.BINARY,
        List.of("bytea"));
    String json = SourceJson.mapper().writeValueAsString(binary);
    assertThat(json).endsWith(",\"format\":\"binary\",\"columnTypes\":[\"bytea\"]}");
    assertThat(SourceJson.mapper().readValue(json, TableReport.class)).isEqualTo(binary);
    assertThat(SourceJson.mapper().readValue(json, TableReport.class).binary()).isTrue();
    assertThat(SourceJson.mapper().readValue(
        "{\"schema\":\"s\",\"table\":\"t\",\"rows\":3,\"checksum\":\"abc\",\"stream\":\"x\",\"columns\":[\"a\"]}",
        TableReport.class).binary()).isFalse();
  }
}
