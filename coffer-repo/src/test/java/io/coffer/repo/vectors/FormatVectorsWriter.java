package io.coffer.repo.vectors;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.repo.VolumeFormat;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.crypto.KdfParams;
import io.coffer.repo.crypto.KeyFile;
import io.coffer.repo.crypto.MasterKey;
import io.coffer.repo.pack.SegmentInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Writes the known-answer vector file from the inputs below and this implementation's answers. Run
 * only on purpose (bench/golden-data.sh vectors): the committed file is the truth, and a changed
 * answer means the format changed, which needs a new format version rather than new vectors.
 */
public final class FormatVectorsWriter {

  private static final HexFormat HEX = HexFormat.of();

  private FormatVectorsWriter() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      throw new IllegalArgumentException("usage: FormatVectorsWriter FILE [FORMAT] (e.g. coffer-repo/src/test/resources/vectors/format-2.json 2)");
    }
    Path target = Path.of(args[0]);
    VolumeFormat format = VolumeFormat.of(args.length == 2 ? Integer.parseInt(args[1]) : 1);
    if (Files.exists(target)) {
      throw new IllegalArgumentException(target + " exists: committed vectors are never rewritten; remove it first if you mean to");
    }
    ObjectNode file = FormatVectors.JSON.createObjectNode();
    file.put("about", "Known-answer vectors of the Coffer volume format, version " + format.number()
        + ": see docs/repository-format.md, \"Known-answer vectors\"."
        + (format == VolumeFormat.V1 ? "" : " Sections not here are those of format-1.json, unchanged.")
        + (format == VolumeFormat.V3 ? " Its packs and indexes have format 2's layout under the magics CPK3 and CIX3; blobIds and idLists"
            + " are format 2's answers." : ""));
    file.put("format", format.number());
    file.put("vectorsVersion", 1);
    file.put("conventions",
        "Byte strings are lowercase hex. An input object is {\"hex\": …}, {\"utf8\": …}, {\"fill\": byte, \"length\": n}"
            + " or {\"counter\": label, \"length\": n}: the first n bytes of SHA-256(label ‖ u32be(0)) ‖ SHA-256(label ‖ u32be(1)) ‖ …"
            + " with label in UTF-8. Every case uses masterKey unless it names other keys.");
    ObjectNode key = file.putObject("masterKey");
    key.put("encryption", hex(counter("coffer vectors encryption key", 32)));
    key.put("id", hex(counter("coffer vectors id key", 32)));
    MasterKey masterKey = FormatVectors.masterKey(file);
    FormatVectors.Keyed keyed = new FormatVectors.Keyed(masterKey, format);

    ArrayNode gear = file.putArray("gear");
    gear.addObject().put("note", "gear[i] for i = 0…255 as 16 hex digits");

    ArrayNode chunking = file.putArray("chunking");
    chunk(chunking, 64, 256, 1024, counter("coffer vectors chunking", 20000));
    chunk(chunking, 2048, 8192, 65536, counter("coffer vectors chunking default", 262144));
    chunk(chunking, 64, 256, 1024, fill(0, 5000));
    chunk(chunking, 64, 256, 1024, counter("coffer vectors chunking short", 64));
    chunk(chunking, 64, 256, 1024, counter("coffer vectors chunking short", 65));
    chunk(chunking, 64, 256, 1024, counter("coffer vectors chunking empty", 0));

    ArrayNode ids = file.putArray("blobIds");
    ids.addObject().set("input", utf8(""));
    ids.addObject().set("input", utf8("abc"));
    ids.addObject().set("input", counter("coffer vectors blob", 100000));

    ArrayNode encoding = file.putArray("encoding");
    encoding.addObject().put("encoded", hex(Codec.none().encode(new byte[0])));
    encoding.addObject().put("encoded", hex(Codec.none().encode("hello".getBytes(StandardCharsets.UTF_8))));
    encoding.addObject().put("encoded", hex(Codec.zstd(3).encode("hello, volume; ".repeat(20).getBytes(StandardCharsets.UTF_8))));

    ArrayNode sealing = file.putArray("sealing");
    int n = 0;
    for (int length : new int[] {0, 3, 200, 16384, 16385, 40000}) {
      ObjectNode c = sealing.addObject();
      c.put("nonce", hex(FormatVectors.input(counter("coffer vectors nonce " + n++, 12))));
      c.set("input", length == 3 ? utf8("abc") : counter("coffer vectors sealing", length));
    }

    ArrayNode kdf = file.putArray("keyDerivation");
    derive(kdf, "correct horse battery staple", 64, 1, 1);
    derive(kdf, "p\u00e4ssw\u00f6rd \u2615 \ud83d\udd11", 256, 2, 2);
    KdfParams defaults = KdfParams.defaults();
    derive(kdf, "correct horse battery staple", defaults.memoryKiB(), defaults.iterations(), defaults.parallelism());

    ArrayNode keyFiles = file.putArray("keyFiles");
    keyFile(keyFiles, masterKey, "correct horse battery staple", KdfParams.weakForTests());
    keyFile(keyFiles, masterKey, null, KdfParams.none());

    ArrayNode packs = file.putArray("packs");
    ObjectNode pack = packs.addObject();
    ArrayNode segments = pack.putArray("segments");
    ObjectNode data = segments.addObject().put("type", "data");
    data.putArray("blobs").add(utf8("hello")).add(utf8("world")).add(counter("coffer vectors pack blob", 300));
    segments.addObject().put("type", "meta").putArray("blobs").add(utf8("{\"nodes\":[]}"));
    ArrayNode nonces = pack.putArray("nonces");
    for (int i = 0; i < 3; i++) {
      nonces.add(hex(FormatVectors.input(counter("coffer vectors pack nonce " + i, 12))));
    }

    ArrayNode idLists = file.putArray("idLists");
    idLists.addObject().put("label", "coffer vectors id list").put("count", 2000).put("minIds", 64).put("cutEvery", 256);
    idLists.addObject().put("label", "coffer vectors id list short").put("count", 100).put("minIds", 8).put("cutEvery", 16);

    ArrayNode against = file.putArray("against");
    byte[] page = FormatVectors.input(counter("coffer vectors reference page", 8192));
    byte[] other = FormatVectors.input(utf8("row 1\tthe same text\t42.00\n".repeat(300)));
    byte[] changed = page.clone();
    changed[100] ^= 0x5a;
    byte[] grown = java.util.Arrays.copyOf(other, other.length + 7);
    System.arraycopy("row 301".getBytes(StandardCharsets.UTF_8), 0, grown, other.length, 7);
    byte[] plain = java.util.Arrays.copyOf(changed, changed.length + grown.length);
    System.arraycopy(grown, 0, plain, changed.length, grown.length);
    byte[] refIds = new byte[2 * format.idLength()];
    keyed.hasher().hash(page).copyTo(refIds, 0);
    keyed.hasher().hash(other).copyTo(refIds, format.idLength());
    byte[] dictionary = java.util.Arrays.copyOf(page, page.length + other.length);
    System.arraycopy(other, 0, dictionary, page.length, other.length);
    ObjectNode piece = against.addObject();
    piece.putArray("references").add(counter("coffer vectors reference page", 8192)).add(utf8("row 1\tthe same text\t42.00\n".repeat(300)));
    piece.put("encoded", hex(Codec.zstd(3).encodeAgainst(plain, 0, plain.length, refIds, format.idLength(), 2,
        new int[] {changed.length, grown.length}, new int[][] {{0}, {1, 0}}, dictionary)));

    for (Map.Entry<String, BiFunction<JsonNode, FormatVectors.Keyed, ObjectNode>> s : FormatVectors.SECTIONS.entrySet()) {
      if (!FormatVectors.sections(format).contains(s.getKey())) {
        file.remove(s.getKey());
        continue;
      }
      if (s.getKey().equals("indexes")) {
        file.putArray("indexes").addObject().set("packs", indexInput(packs.get(0), keyed));
      }
      for (JsonNode c : file.get(s.getKey())) {
        ((ObjectNode) c).setAll(s.getValue().apply(c, keyed));
      }
    }
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
    Files.writeString(target, FormatVectors.JSON.writer(printer).writeValueAsString(file) + "\n");
  }

  /** The index input for a pack vector: the segments its own header describes. */
  private static ArrayNode indexInput(JsonNode packCase, FormatVectors.Keyed key) {
    byte[] bytes = HEX.parseHex(packCase.get("pack").asText());
    String name = packCase.get("name").asText();
    ArrayNode packs = FormatVectors.JSON.createArrayNode();
    ObjectNode p = packs.addObject().put("name", name).put("size", bytes.length);
    ArrayNode segments = p.putArray("segments");
    for (SegmentInfo s : FormatVectors.segmentsOf(bytes, key, name)) {
      ObjectNode seg = segments.addObject()
          .put("type", s.type().name().toLowerCase(java.util.Locale.ROOT))
          .put("offset", s.offset()).put("storedLength", s.storedLength()).put("plainLength", s.plainLength());
      ArrayNode blobs = seg.putArray("blobs");
      for (int i = 0; i < s.blobCount(); i++) {
        blobs.addObject().put("id", s.id(i).hex()).put("length", s.lengths()[i]);
      }
    }
    return packs;
  }

  private static void chunk(ArrayNode cases, int min, int avg, int max, ObjectNode input) {
    cases.addObject().put("min", min).put("avg", avg).put("max", max).set("input", input);
  }

  private static void derive(ArrayNode cases, String passphrase, int memoryKiB, int iterations, int parallelism) {
    cases.addObject().put("passphrase", passphrase).put("algorithm", KdfParams.ARGON2ID)
        .put("memoryKiB", memoryKiB).put("iterations", iterations).put("parallelism", parallelism)
        .put("salt", hex(FormatVectors.input(counter("coffer vectors salt " + cases.size(), 16))));
  }

  /** A key file as `volume init` writes it, with neutral host, user and time. */
  private static void keyFile(ArrayNode cases, MasterKey key, String passphrase, KdfParams kdf) throws Exception {
    byte[] made = KeyFile.create(key, passphrase == null ? null : passphrase.toCharArray(), kdf);
    ObjectNode json = (ObjectNode) FormatVectors.JSON.readTree(made);
    json.put("created", "2026-12-04T00:00:00Z").put("host", "vectors").put("user", "coffer");
    cases.addObject().put("passphrase", passphrase).put("file", FormatVectors.JSON.writeValueAsString(json));
  }

  private static ObjectNode counter(String label, int length) {
    return FormatVectors.JSON.createObjectNode().put("counter", label).put("length", length);
  }

  private static ObjectNode fill(int value, int length) {
    return FormatVectors.JSON.createObjectNode().put("fill", HEX.toHexDigits((byte) value)).put("length", length);
  }

  private static ObjectNode utf8(String text) {
    return FormatVectors.JSON.createObjectNode().put("utf8", text);
  }

  private static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  private static String hex(ObjectNode input) {
    return hex(FormatVectors.input(input));
  }
}
