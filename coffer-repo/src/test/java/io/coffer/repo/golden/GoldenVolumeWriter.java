package io.coffer.repo.golden;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.coffer.repo.BackupSummary;
import io.coffer.repo.BackupWriter;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.Volume;
import io.coffer.repo.VolumeFormat;
import io.coffer.repo.VolumeOptions;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.tree.TreeOptions;
import io.coffer.repo.chunker.ChunkerParams;
import io.coffer.repo.crypto.KdfParams;
import io.coffer.repo.crypto.MasterKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes the golden volumes that {@link GoldenVolumeTest} reads in every build: one encrypted (zstd,
 * passphrase in {@code encrypted.passphrase}) and one neither encrypted nor compressed, each with a
 * database-like backup of several streams, a second one that changed a little, a file tree, and a
 * level 1 of that tree after a binary file changed in a few bytes (from format 3 on, where the volume
 * compresses, stored against the chunks it changed); then {@code expected.json}, what each backup
 * holds (names, sizes, SHA-256, tree nodes).
 *
 * <p>Run only on purpose ({@code bench/golden-data.sh volumes DIR}): the committed bytes are the truth,
 * and they must keep opening forever. A format change adds volumes under a new version folder beside
 * them instead of rewriting these. Contents are seeded, so a rerun writes the same files and blob ids
 * (times, nonces and salts differ).
 */
public final class GoldenVolumeWriter {

  static final String PASSPHRASE = "golden volume, format ";
  private static final Instant MTIME = Instant.parse("2026-12-01T08:30:00Z");

  private GoldenVolumeWriter() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      throw new IllegalArgumentException("usage: GoldenVolumeWriter DIR [FORMAT] (e.g. coffer-repo/src/test/resources/golden/v2 2)");
    }
    Path dir = Path.of(args[0]);
    VolumeFormat format = VolumeFormat.of(args.length == 2 ? Integer.parseInt(args[1]) : 1);
    String passphrase = PASSPHRASE + format.number();
    if (Files.exists(dir)) {
      throw new IllegalArgumentException(dir + " exists: the golden volumes are never rewritten in place; remove it first if you mean to");
    }
    Path sources = Files.createTempDirectory("golden-sources");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("encrypted.passphrase"), passphrase);
    List<Map<String, Object>> volumes = new ArrayList<>();
    volumes.add(write(dir, "encrypted", passphrase.toCharArray(),
        options(new ChunkerParams(128, 512, 4096), 3, true).withFormat(format), 3000, sources.resolve("encrypted")));
    volumes.add(write(dir, "plain", null,
        options(new ChunkerParams(64, 256, 2048), 0, false).withFormat(format), 2000, sources.resolve("plain")));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("about", "What the golden volumes of format " + format.number() + " hold; written by GoldenVolumeWriter with the volumes, never edited by hand.");
    expected.put("volumes", volumes);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("expected.json").toFile(), expected);
  }

  private static VolumeOptions options(ChunkerParams chunker, int zstd, boolean encrypted) {
    return VolumeOptions.defaults().withKdf(KdfParams.weakForTests()).withPackSize(VolumeOptions.MIN_PACK)
        .withChunker(chunker).withCompression(zstd).withTreeChunker(chunker).withTreeCompression(zstd).withEncryption(encrypted);
  }

  private static Map<String, Object> write(Path dir, String name, char[] passphrase, VolumeOptions options, int rows, Path sources) throws Exception {
    MasterKey key = new MasterKey(sha256(name + " encryption key"), sha256(name + " id key"));
    List<Map<String, Object>> backups = new ArrayList<>();
    try (Volume v = Volume.init(new LocalBackend(dir.resolve(name)), options, passphrase, key)) {
      Map<String, byte[]> first = database(rows, 0);
      backups.add(streams(v, Map.of("node", "pg1", "database", "shop", "kind", "FULL", "level", "0"), first));
      Map<String, byte[]> second = database(rows, 40);
      backups.add(streams(v, Map.of("node", "pg1", "database", "shop", "kind", "FULL", "level", "1"), second));
      Path files = fileTree(sources);
      Map<String, Object> full = tree(v, Map.of("node", "fs1", "kind", "FILES", "level", "0"), files, null);
      backups.add(full);
      changeAFewBytes(files.resolve("data/table.bin"));
      String previous = v.manifest((String) full.get("id")).entry("files").tree();
      backups.add(tree(v, Map.of("node", "fs1", "kind", "FILES", "level", "1"), files, previous));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("path", name);
    out.put("passphraseFile", passphrase == null ? null : name + ".passphrase");
    out.put("encryption", options.encrypted() ? "aes-256-gcm" : "none");
    out.put("compression", options.compressionLevel() > 0 ? "zstd" : "none");
    Map<String, Object> chunker = new LinkedHashMap<>();
    chunker.put("min", options.chunker().min());
    chunker.put("avg", options.chunker().avg());
    chunker.put("max", options.chunker().max());
    out.put("chunker", chunker);
    out.put("backups", backups);
    return out;
  }

  /**
   * A small shop database as a dump: globals, a schema, two tables (orders long enough for id-list
   * meta blobs, customers for a few dozen chunks) and an empty table. {@code changed} rows of the
   * second backup differ and as many are appended, so that backup shares most blobs with the first.
   */
  static Map<String, byte[]> database(int rows, int changed) {
    Map<String, byte[]> streams = new LinkedHashMap<>();
    streams.put("globals.sql", utf8("CREATE ROLE shop_owner;\nCREATE ROLE shop_reader;\nGRANT shop_reader TO shop_owner;\n"));
    streams.put("shop/toc.sql", utf8(
        "CREATE TABLE public.customers (id integer PRIMARY KEY, name text, email text, city text);\n"
            + "CREATE TABLE public.orders (id integer PRIMARY KEY, customer integer, amount numeric(10,2), placed date, status text);\n"
            + "CREATE TABLE public.audit (id integer, note text);\nALTER TABLE public.orders OWNER TO shop_owner;\n"));
    streams.put("shop/public.audit", new byte[0]);
    StringBuilder customers = new StringBuilder();
    Random r = new Random(11);
    for (int i = 1; i <= rows / 6; i++) {
      customers.append(i).append("\tcustomer ").append(r.nextInt(100_000)).append("\tc").append(i).append("@example.com\t")
          .append(CITIES[r.nextInt(CITIES.length)]).append('\n');
    }
    streams.put("shop/public.customers", utf8(customers.toString()));
    StringBuilder orders = new StringBuilder();
    r = new Random(12);
    for (int i = 1; i <= rows + changed; i++) {
      String status = r.nextBoolean() ? "open" : "shipped";
      boolean touched = i > rows / 3 && i <= rows / 3 + changed;
      orders.append(i).append('\t').append(1 + r.nextInt(Math.max(1, rows / 6))).append('\t').append(r.nextInt(1_000_000) / 100.0)
          .append("\t2026-11-").append(1 + r.nextInt(28)).append('\t').append(touched ? "refunded" : status)
          .append('\t').append(Long.toHexString(r.nextLong())).append('\n');
    }
    streams.put("shop/public.orders", utf8(orders.toString()));
    return streams;
  }

  private static final String[] CITIES = {"Oslo", "Lyon", "Porto", "Graz", "Turku", "Cork", "Brno", "Gent"};

  private static Map<String, Object> streams(Volume v, Map<String, String> tags, Map<String, byte[]> streams) throws IOException {
    BackupSummary s;
    List<Map<String, Object>> entries = new ArrayList<>();
    try (BackupWriter w = v.newBackup(tags, ProgressListener.NONE)) {
      for (Map.Entry<String, byte[]> e : streams.entrySet()) {
        w.putStream(e.getKey(), new ByteArrayInputStream(e.getValue()));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", e.getKey());
        entry.put("type", "stream");
        entry.put("size", e.getValue().length);
        entry.put("sha256", hex(sha256(e.getValue())));
        entries.add(entry);
      }
      s = w.commit();
    }
    entries.sort(Comparator.comparing(e -> (String) e.get("name")));
    return backup(s, tags, entries);
  }

  /** A tree backup; a level one when {@code previous} (the earlier backup's tree id) is given. */
  private static Map<String, Object> tree(Volume v, Map<String, String> tags, Path root, String previous) throws IOException {
    BackupSummary s;
    try (BackupWriter w = v.newBackup(tags, ProgressListener.NONE)) {
      w.putTree("files", root, previous == null ? TreeOptions.full() : TreeOptions.full().withPrevious(previous));
      s = w.commit();
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", "files");
    entry.put("type", "tree");
    List<Map<String, Object>> nodes = TreeListing.of(root);
    entry.put("size", nodes.stream().mapToLong(n -> ((Number) n.getOrDefault("size", 0)).longValue()).sum());
    entry.put("nodes", nodes);
    return backup(s, tags, List.of(entry));
  }

  private static Map<String, Object> backup(BackupSummary s, Map<String, String> tags, List<Map<String, Object>> entries) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("id", s.id());
    b.put("tags", new java.util.TreeMap<>(tags));
    b.put("entries", entries);
    return b;
  }

  /**
   * A directory with what a tree restore must bring back: nested folders (one empty, one private),
   * text and binary files, an empty file, an executable, a relative symlink, modes and mtimes.
   */
  static Path fileTree(Path root) throws IOException {
    Files.createDirectories(root.resolve("config"));
    Files.createDirectories(root.resolve("data/archive"));
    Files.createDirectories(root.resolve("bin"));
    Files.createDirectories(root.resolve("empty"));
    Files.writeString(root.resolve("README.txt"), "Files of the golden volume.\n");
    Files.writeString(root.resolve("config/app.conf"), "listen = 127.0.0.1:7000\nworkers = 4\n");
    Files.write(root.resolve("config/empty.conf"), new byte[0]);
    byte[] noise = new byte[12_000];
    new Random(13).nextBytes(noise);
    Files.write(root.resolve("data/table.bin"), noise);
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      log.append("2026-12-01T08:").append(10 + i % 50).append(":00Z checkpoint ").append(i).append(" wrote ").append(i * 37 % 1000).append(" pages\n");
    }
    Files.writeString(root.resolve("data/table.log"), log);
    Files.writeString(root.resolve("data/archive/2026-11.log"), log.substring(0, 4000));
    Files.writeString(root.resolve("bin/run.sh"), "#!/bin/sh\nexec ./server --config ../config/app.conf\n");
    Files.createSymbolicLink(root.resolve("latest.log"), Path.of("data/table.log"));
    mode(root.resolve("README.txt"), "rw-r--r--");
    mode(root.resolve("config/app.conf"), "rw-------");
    mode(root.resolve("config/empty.conf"), "rw-r-----");
    mode(root.resolve("data/table.bin"), "rw-r-----");
    mode(root.resolve("data/table.log"), "rw-r--r--");
    mode(root.resolve("data/archive/2026-11.log"), "r--r--r--");
    mode(root.resolve("bin/run.sh"), "rwxr-xr-x");
    mode(root.resolve("config"), "rwx------");
    for (String d : new String[] {"data/archive", "data", "bin", "empty", "."}) {
      mode(root.resolve(d), "rwxr-xr-x");
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (!Files.isSymbolicLink(p)) {
          Files.setLastModifiedTime(p, FileTime.from(MTIME.plusSeconds(root.relativize(p).toString().length())));
        }
      }
    }
    return root;
  }

  /** Rewrites 8 bytes in the middle of a file, as an update rewrites a row's header in a page, and moves its mtime. */
  private static void changeAFewBytes(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (int i = 0; i < 8; i++) {
      bytes[bytes.length / 2 + i] ^= (byte) (0x11 * (i + 1));
    }
    Files.write(file, bytes);
    Files.setLastModifiedTime(file, FileTime.from(MTIME.plusSeconds(3600)));
  }

  private static void mode(Path p, String perms) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(String label) {
    return sha256(utf8(label));
  }

  static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }
}
