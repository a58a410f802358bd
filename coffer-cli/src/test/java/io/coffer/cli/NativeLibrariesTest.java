package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

/** The launcher's copies of the native libraries are the ones the libraries would unpack themselves, and load. */
class NativeLibrariesTest {

  @TempDir Path dir;

  @Test
  void copiesTheSqliteDriversOwnLibraryForThisSystem_underTheNameTheDriverLoads() throws Exception {
    assertThat(NativeLibraries.copySqlite(dir.resolve("sqlite"))).isTrue();

    Path copied = dir.resolve("sqlite").resolve(LibraryLoaderUtil.getNativeLibName());
    assertSameBytes(copied, LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName());
    try (var left = Files.list(dir.resolve("sqlite"))) {
      assertThat(left.toList()).as("no temporary file left").containsExactly(copied);
    }
  }

  @Test
  void copiesZstdsOwnLibraryForThisSystem_whichAJvmToldItsPathLoads() throws Exception {
    assertThat(NativeLibraries.zstdResource()).startsWith("/linux/").contains("libzstd-jni-");
    assertThat(NativeLibraries.copyZstd(dir.resolve("zstd"))).isTrue();
    assertThat(NativeLibraries.copyZstd(dir.resolve("zstd"))).as("a second copy replaces the first").isTrue();

    Path copied = dir.resolve("zstd").resolve(NativeLibraries.ZSTD);
    assertSameBytes(copied, NativeLibraries.zstdResource());
    try (var left = Files.list(dir.resolve("zstd"))) {
      assertThat(left.toList()).as("no temporary file left").containsExactly(copied);
    }

    // zstd-jni loads the file it is told and nothing else: a child JVM with the launcher's option
    // compresses and decodes, with an empty temporary directory left empty.
    Path tmp = Files.createDirectories(dir.resolve("child-tmp"));
    Path out = dir.resolve("child.out");
    Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-DZstdNativePath=" + copied, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        RoundTrip.class.getName())).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(out)).isEqualTo("round trip ok\n");
    assertThat(child.exitValue()).isZero();
    try (var unpacked = Files.list(tmp)) {
      assertThat(unpacked.toList()).as("nothing unpacked into the temporary directory").isEmpty();
    }
  }

  /** A child's main: compresses and decodes a few bytes with zstd-jni. */
  public static final class RoundTrip {
    public static void main(String[] args) {
      byte[] text = "a line of a table, a line of a table, a line of a table\n".getBytes(StandardCharsets.US_ASCII);
      byte[] back = Zstd.decompress(Zstd.compress(text, 3), text.length);
      System.out.println(java.util.Arrays.equals(back, text) ? "round trip ok" : "round trip changed the bytes");
    }
  }

  private void assertSameBytes(Path copied, String resource) throws Exception {
    try (InputStream original = getClass().getResourceAsStream(resource)) {
      assertThat(Files.readAllBytes(copied)).isEqualTo(original.readAllBytes());
    }
  }
}
