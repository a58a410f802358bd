package io.coffer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RecordingSinkTest {

  @Test
  void closedStreams_areReportedWithSizeAndSha256_andNamesAreUnique() throws Exception {
    MemoryStreams memory = new MemoryStreams();
    Listener listener = new Listener() {
      @Override
      public void streamWritten(StreamReport stream) {
        infos.add(stream.name());
      }
    };
    RecordingSink sink = new RecordingSink(memory, listener);
    try (OutputStream out = sink.create("b")) {
      out.write("hello ".getBytes(StandardCharsets.UTF_8));
      out.write('w');
      out.write("orld".getBytes(StandardCharsets.UTF_8));
    }
    OutputStream open = sink.create("a");
    open.write(1);

    assertThat(sink.streams()).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("b");
      assertThat(s.bytes()).isEqualTo(11);
      assertThat(s.sha256()).isEqualTo(HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(memory.bytes("b"))));
    });
    assertThat(listener.infos).containsExactly("b");
    assertThatThrownBy(() -> sink.create("b")).hasMessageContaining("stream b was already written");
    open.close();
    assertThat(sink.streams()).extracting(StreamReport::name).containsExactly("a", "b");
  }

  @Test
  void growingStreams_areReportedEveryFewMegabytes() throws Exception {
    Listener listener = new Listener();
    RecordingSink sink = new RecordingSink(new MemoryStreams(), listener);
    byte[] mib = new byte[1 << 20];
    try (OutputStream out = sink.create("big")) {
      for (int i = 0; i < 10; i++) {
        out.write(mib);
      }
    }
    assertThat(listener.progress).hasSize(2).allMatch(p -> p.startsWith("big="));
  }

  @Test
  void aSinkThatNamesItsStreams_givesTheDigest_insteadOfTheBytesSha256() throws Exception {
    class Named extends java.io.ByteArrayOutputStream implements StoredStream {
      boolean closed;

      @Override
      public void close() {
        closed = true;
      }

      @Override
      public String contentDigest() {
        assertThat(closed).as("asked only once closed").isTrue();
        return "c0ffee" + size();
      }
    }
    RecordingSink sink = new RecordingSink(name -> new Named(), new Listener());
    try (OutputStream out = sink.create("db/data")) {
      out.write("row\n".getBytes(StandardCharsets.UTF_8));
    }

    StreamReport report = sink.streams().get(0);
    assertThat(report).isEqualTo(new StreamReport("db/data", 4, null, "c0ffee4"));
    assertThat(report.digest()).isEqualTo("content:c0ffee4");
    assertThat(SourceJson.mapper().writeValueAsString(report)).doesNotContain("sha256");
  }

  @Test
  void aReportWrittenBeforeTheContentDigest_readsBack_withItsSha256() throws Exception {
    String hex = "ab".repeat(32);
    StreamReport old = SourceJson.mapper().readValue(
        "{\"name\":\"db/data\",\"bytes\":3,\"sha256\":\"" + hex + "\"}", StreamReport.class);

    assertThat(old.content()).isNull();
    assertThat(old.digest()).isEqualTo("sha256:" + hex);
    assertThat(old.shortDigest()).isEqualTo("sha256:abababababababab");
    assertThat(new StreamReport("x", 1, null, hex).shortDigest()).isEqualTo("content:abababababababab");
  }
}
