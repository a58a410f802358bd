package io.coffer.repo.tree;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Extended attributes of a whole tree, POSIX ACLs included (they are the {@code system.posix_acl_*}
 * attributes), read with one {@code getfattr -R} and written back with one {@code setfattr
 * --restore} (Debian package {@code attr}). The JDK reaches only the {@code user.} namespace and not
 * on symlinks, and one process per tree costs less than a call per file. Paths are relative to the
 * tree's root, in getfattr's escaping (octal {@code \ooo} for bytes it does not print).
 */
public final class ExtendedAttributes {

  /** The program that reads a tree's attributes. */
  public static final String PROGRAM = "getfattr";

  private ExtendedAttributes() {}

  /** What a tree's attributes came to: by relative path, name → base64 value; and what went wrong. */
  public record Dump(Map<String, Map<String, String>> byPath, String problem) {}

  /**
   * Starts reading every extended attribute below {@code root} (symlinks not followed) and returns
   * at once: a level backup walks the tree meanwhile and waits for the dump only when a node changed
   * ({@code TreeWriter}). A missing {@code getfattr}, or files that vanished while it ran, make
   * {@link Dump#problem()} say so; the backup goes on. {@code program} is {@link #PROGRAM}, or a
   * stand-in in tests.
   */
  public static Pending start(Path root, String program) {
    ProcessBuilder builder = new ProcessBuilder(program, "-R", "-P", "-h", "-d", "-m", "-", "-e", "base64", ".")
        .directory(root.toFile());
    try {
      return new Pending(builder.start());
    } catch (IOException e) {
      return new Pending(new Dump(Map.of(), "extended attributes and ACLs not recorded: getfattr (Debian package"
          + " attr) cannot be run: " + e.getMessage()));
    }
  }

  /**
   * A dump under way. Its output is drained on daemon threads from the start, so the process never
   * blocks on a full pipe; closing it before anyone waited ends the process.
   */
  public static final class Pending implements AutoCloseable {
    private final Process process;
    private final CompletableFuture<byte[]> out;
    private final CompletableFuture<byte[]> err;
    private Dump dump;

    private Pending(Process process) {
      this.process = process;
      try {
        process.getOutputStream().close();
      } catch (IOException ignored) {
        // Nothing is written to it; the process reads no input.
      }
      this.out = drain(process.getInputStream(), "getfattr stdout");
      this.err = drain(process.getErrorStream(), "getfattr stderr");
    }

    private Pending(Dump failed) {
      this.process = null;
      this.out = null;
      this.err = null;
      this.dump = failed;
    }

    /** The dump, waiting for the process to end the first time it is asked for. */
    public synchronized Dump await() {
      if (dump != null) {
        return dump;
      }
      try {
        String text = new String(out.get(10, TimeUnit.MINUTES), StandardCharsets.UTF_8);
        String stderr = new String(err.get(10, TimeUnit.MINUTES), StandardCharsets.UTF_8).strip();
        int exit = process.waitFor();
        dump = new Dump(parse(text), exit == 0 ? null : "getfattr exited with " + exit
            + (stderr.isEmpty() ? "" : ": " + firstLine(stderr)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        dump = new Dump(Map.of(), "extended attributes and ACLs not recorded: interrupted");
      } catch (ExecutionException | TimeoutException e) {
        dump = new Dump(Map.of(), "extended attributes and ACLs not recorded: getfattr did not answer: " + e);
      }
      return dump;
    }

    @Override
    public void close() {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
        try {
          process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private static CompletableFuture<byte[]> drain(InputStream in, String name) {
      CompletableFuture<byte[]> result = new CompletableFuture<>();
      Thread t = new Thread(() -> {
        try (in) {
          result.complete(in.readAllBytes());
        } catch (IOException e) {
          result.complete(new byte[0]); // ended early (the process was closed): the exit status tells
        }
      }, name);
      t.setDaemon(true);
      t.start();
      return result;
    }
  }

  static Map<String, Map<String, String>> parse(String dump) {
    Map<String, Map<String, String>> byPath = new HashMap<>();
    Map<String, String> current = null;
    for (String line : dump.split("\n")) {
      if (line.startsWith("# file: ")) {
        String path = unescape(line.substring("# file: ".length()));
        current = new TreeMap<>();
        byPath.put(path.equals(".") ? "" : path, current);
      } else if (current != null && !line.isEmpty() && !line.startsWith("#")) {
        int eq = line.indexOf('=');
        String name = unescape(eq < 0 ? line : line.substring(0, eq));
        String value = eq < 0 ? "" : line.substring(eq + 1);
        current.put(name, value.startsWith("0s") ? value.substring(2) : value);
      }
    }
    return byPath;
  }

  /**
   * Writes attributes back below {@code root}: {@code byPath} maps relative paths, each made of names
   * the restorer checked, to name → base64 value. Returns null, or what went wrong.
   */
  public static String write(Path root, Map<String, Map<String, String>> byPath) throws IOException {
    if (byPath.isEmpty()) {
      return null;
    }
    StringBuilder dump = new StringBuilder();
    byPath.forEach((path, attributes) -> {
      dump.append("# file: ").append(path.isEmpty() ? "." : escape(path)).append('\n');
      attributes.forEach((name, value) -> dump.append(escape(name)).append("=0s").append(value).append('\n'));
      dump.append('\n');
    });
    Path file = Files.createTempFile("coffer-xattrs", ".dump");
    try {
      Files.writeString(file, dump);
      Process p = new ProcessBuilder("setfattr", "-h", "--restore=" + file).directory(root.toFile())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor(10, TimeUnit.MINUTES);
      return p.exitValue() == 0 ? null : "setfattr exited with " + p.exitValue() + (out.isEmpty() ? "" : ": "
          + firstLine(out));
    } catch (IOException e) {
      return "extended attributes and ACLs not restored: setfattr (Debian package attr) cannot be run: "
          + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "extended attributes and ACLs not restored: interrupted";
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl) + " …";
  }

  /** getfattr's escaping: a backslash and any byte below 0x21, '=' and above 0x7e as {@code \ooo}. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x21 || c > 0x7e || c == '\\' || c == '=') {
        out.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
            .append((char) ('0' + (c & 7)));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  static String unescape(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (c == '\\' && isOctal(text, i + 1)) {
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 4), 8));
        i += 4;
      } else {
        byte[] utf8 = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i += Character.charCount(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isOctal(String text, int at) {
    if (at + 3 > text.length()) {
      return false;
    }
    for (int i = at; i < at + 3; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
