package io.coffer.repo.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.repo.BlobType;
import io.coffer.repo.VolumeFormat;
import io.coffer.repo.chunker.Batcher;
import io.coffer.repo.chunker.ChunkerParams;
import io.coffer.repo.chunker.FastCdc;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.crypto.FixedNonceSealer;
import io.coffer.repo.crypto.IdHasher;
import io.coffer.repo.crypto.KeyFile;
import io.coffer.repo.crypto.MasterKey;
import io.coffer.repo.index.IndexFile;
import io.coffer.repo.index.PackRecord;
import io.coffer.repo.pack.PackReader;
import io.coffer.repo.pack.PackWriter;
import io.coffer.repo.pack.SegmentInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The known-answer vectors of the volume formats ({@code /vectors/format-N.json}, described in
 * docs/repository-format.md, "Known-answer vectors"). Each section turns the inputs of a case into its
 * answers with this implementation, for the file's format: {@link FormatVectorsTest} compares them
 * with the committed answers, {@link FormatVectorsWriter} wrote them. The files, not this class, are
 * the truth. Format 2's file holds only the sections whose answers differ from format 1's, and
 * {@code idLists}; format 3's holds format 2's sections (their answers unchanged) and {@code against},
 * pieces encoded against reference blobs.
 */
final class FormatVectors {

  /** The sections of format 2's file; the others are format 1's, unchanged. */
  static final List<String> FORMAT_2_SECTIONS = List.of("blobIds", "packs", "indexes", "idLists");
  /** The sections of format 3's file: format 2's, and pieces encoded against references. */
  static final List<String> FORMAT_3_SECTIONS = List.of("blobIds", "packs", "indexes", "idLists", "against");
  /** Format 1's sections: all but those that came with later formats. */
  static final List<String> FORMAT_1_SECTIONS = List.of("gear", "chunking", "blobIds", "encoding", "sealing", "keyDerivation", "keyFiles", "packs", "indexes");
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What a case is computed under: the file's master key and format. */
  record Keyed(MasterKey key, VolumeFormat format) {
    IdHasher hasher() {
      return new IdHasher(key, format.idLength());
    }
  }

  /** Section name → how a case's answers are computed from its inputs, the file's master key and format. */
  static final Map<String, BiFunction<JsonNode, Keyed, ObjectNode>> SECTIONS = new LinkedHashMap<>();

  static {
    SECTIONS.put("gear", (c, k) -> gear(k.key()));
    SECTIONS.put("chunking", (c, k) -> chunking(c, k.key()));
    SECTIONS.put("blobIds", (c, k) -> answer("id", k.hasher().hash(input(c.get("input"))).hex()));
    SECTIONS.put("encoding", (c, k) -> answer("decoded", HEX.formatHex(Codec.decode(hex(c, "encoded")))));
    SECTIONS.put("sealing", (c, k) -> sealing(c, k.key()));
    SECTIONS.put("keyDerivation", (c, k) -> answer("key", HEX.formatHex(derive(c))));
    SECTIONS.put("keyFiles", (c, k) -> keyFile(c));
    SECTIONS.put("packs", FormatVectors::pack);
    SECTIONS.put("indexes", (c, k) -> answer("plain", HEX.formatHex(IndexFile.encode(k.format(), packRecords(c.get("packs"), k.format())).get(0))));
    SECTIONS.put("idLists", FormatVectors::idLists);
    SECTIONS.put("against", FormatVectors::against);
  }

  private FormatVectors() {}

  static String resource(VolumeFormat format) {
    return "/vectors/format-" + format.number() + ".json";
  }

  static JsonNode load(VolumeFormat format) throws IOException {
    String resource = resource(format);
    try (InputStream in = Objects.requireNonNull(FormatVectors.class.getResourceAsStream(resource), resource)) {
      return JSON.readTree(in);
    }
  }

  /** The sections a format's file holds. */
  static List<String> sections(VolumeFormat format) {
    return switch (format) {
      case V1 -> FORMAT_1_SECTIONS;
      case V2 -> FORMAT_2_SECTIONS;
      case V3 -> FORMAT_3_SECTIONS;
    };
  }

  /**
   * A piece encoded against references: decoded with the case's {@code references} (their plaintexts,
   * in the order the piece lists their ids), its ids checked to be those blobs' ids.
   */
  private static ObjectNode against(JsonNode c, Keyed k) {
    byte[] encoded = hex(c, "encoded");
    List<byte[]> refs = new java.util.ArrayList<>();
    c.get("references").forEach(r -> refs.add(input(r)));
    Codec.References listed = Codec.references(encoded, encoded.length);
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < listed.count(); i++) {
      ids.append(HEX.formatHex(encoded, listed.idsOffset() + i * listed.idLength(), listed.idsOffset() + (i + 1) * listed.idLength()));
    }
    StringBuilder expected = new StringBuilder();
    refs.forEach(r -> expected.append(k.hasher().hash(r).hex()));
    if (!ids.toString().equals(expected.toString())) {
      throw new AssertionError("the piece lists ids " + ids + ", not the references' " + expected);
    }
    try {
      byte[] decoded = Codec.decode(encoded, (piece, r) -> {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        refs.forEach(all::writeBytes);
        return all.toByteArray();
      });
      return answer("decoded", HEX.formatHex(decoded));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static MasterKey masterKey(JsonNode file) {
    JsonNode k = file.get("masterKey");
    return new MasterKey(hex(k, "encryption"), hex(k, "id"));
  }

  /**
   * The bytes an {@code input} object names: {@code {"hex": …}}, {@code {"utf8": …}}, {@code {"fill":
   * "<one byte hex>", "length": n}}, or {@code {"counter": label, "length": n}} = the first n bytes of
   * SHA-256(label ‖ u32be(0)) ‖ SHA-256(label ‖ u32be(1)) ‖ …, so large inputs need no space in the file.
   */
  static byte[] input(JsonNode in) {
    if (in.has("hex")) {
      return HEX.parseHex(in.get("hex").asText());
    }
    if (in.has("utf8")) {
      return in.get("utf8").asText().getBytes(StandardCharsets.UTF_8);
    }
    int length = in.get("length").asInt();
    byte[] out = new byte[length];
    if (in.has("fill")) {
      java.util.Arrays.fill(out, HEX.parseHex(in.get("fill").asText())[0]);
      return out;
    }
    byte[] label = in.get("counter").asText().getBytes(StandardCharsets.UTF_8);
    for (int i = 0, at = 0; at < length; i++, at += 32) {
      byte[] block = sha256(ByteBuffer.allocate(label.length + 4).put(label).putInt(i).array());
      System.arraycopy(block, 0, out, at, Math.min(32, length - at));
    }
    return out;
  }

  private static ObjectNode gear(MasterKey key) {
    ArrayNode table = NODES.arrayNode();
    for (long g : FastCdc.gearTable(new IdHasher(key))) {
      table.add(HEX.toHexDigits(g));
    }
    ObjectNode out = NODES.objectNode();
    out.set("table", table);
    return out;
  }

  private static ObjectNode chunking(JsonNode c, MasterKey key) {
    ChunkerParams params = new ChunkerParams(c.get("min").asInt(), c.get("avg").asInt(), c.get("max").asInt());
    FastCdc cdc = new FastCdc(params, FastCdc.gearTable(new IdHasher(key)));
    ArrayNode lengths = NODES.arrayNode();
    Batcher batcher = new Batcher(cdc, 1 << 20, batch -> {
      for (int i = 0; i < batch.count(); i++) {
        lengths.add(batch.length(i));
      }
    });
    byte[] data = input(c.get("input"));
    batcher.write(data, 0, data.length);
    batcher.finish();
    ObjectNode out = NODES.objectNode();
    out.set("lengths", lengths);
    return out;
  }

  /** Sealed units up to 256 bytes are given whole; longer ones by length and SHA-256. */
  private static ObjectNode sealing(JsonNode c, MasterKey key) {
    byte[] sealed = new FixedNonceSealer(key.encryption(), List.of(hex(c, "nonce"))).seal(input(c.get("input")));
    ObjectNode out = NODES.objectNode();
    if (sealed.length <= 256) {
      out.put("sealed", HEX.formatHex(sealed));
    } else {
      out.put("sealedLength", sealed.length);
      out.put("sealedSha256", HEX.formatHex(sha256(sealed)));
    }
    return out;
  }

  private static byte[] derive(JsonNode c) {
    return FixedNonceSealer.deriveKey(
        c.get("passphrase").asText().toCharArray(), c.get("algorithm").asText(), c.get("memoryKiB").asInt(),
        c.get("iterations").asInt(), c.get("parallelism").asInt(), hex(c, "salt"));
  }

  private static ObjectNode keyFile(JsonNode c) {
    char[] passphrase = c.get("passphrase").isNull() ? new char[0] : c.get("passphrase").asText().toCharArray();
    MasterKey opened = KeyFile.open(c.get("file").asText().getBytes(StandardCharsets.UTF_8), passphrase);
    ObjectNode out = NODES.objectNode();
    if (opened == null) {
      out.putNull("masterKey");
    } else {
      out.putObject("masterKey").put("encryption", HEX.formatHex(opened.encryption())).put("id", HEX.formatHex(opened.id()));
    }
    return out;
  }

  /**
   * A pack of unencoded ({@code 0}-flag) segments and header sealed under the case's nonces, in the
   * order they are sealed: each segment, then the header.
   */
  private static ObjectNode pack(JsonNode c, Keyed k) {
    List<byte[]> nonces = new ArrayList<>();
    c.get("nonces").forEach(n -> nonces.add(HEX.parseHex(n.asText())));
    FixedNonceSealer sealer = new FixedNonceSealer(k.key().encryption(), nonces);
    IdHasher hasher = k.hasher();
    Codec raw = Codec.none();
    PackWriter writer = new PackWriter(1024);
    for (JsonNode s : c.get("segments")) {
      ByteArrayOutputStream plain = new ByteArrayOutputStream();
      ByteArrayOutputStream ids = new ByteArrayOutputStream();
      int[] lengths = new int[s.get("blobs").size()];
      int i = 0;
      for (JsonNode b : s.get("blobs")) {
        byte[] blob = input(b);
        plain.writeBytes(blob);
        ids.writeBytes(hasher.hash(blob).toBytes());
        lengths[i++] = blob.length;
      }
      byte[] sealed = sealer.seal(raw.encode(plain.toByteArray()));
      writer.add(type(s.get("type").asText()), sealed, plain.size(), ids.toByteArray(), lengths);
    }
    PackWriter.FinishedPack p = writer.finish(k.format(), raw, sealer);
    byte[] bytes = p.bytes();
    int headerLength = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    byte[] header = Codec.decode(sealer.open(bytes, bytes.length - 4 - headerLength, headerLength));
    ObjectNode out = NODES.objectNode();
    out.put("pack", HEX.formatHex(bytes));
    out.put("name", p.name());
    out.put("header", HEX.formatHex(header));
    return out;
  }

  /** The segments of a pack as an index describes them, parsed back from the pack's own header. */
  static List<SegmentInfo> segmentsOf(byte[] pack, Keyed k, String name) {
    return PackReader.header(pack, new FixedNonceSealer(k.key().encryption(), List.of()), k.format(), name);
  }

  /**
   * Where id lists end in a sequence of ids: the ids of blobs {@code {"counter": label + " " + i,
   * "length": 64}} for i = 0…count-1, cut by the rule of the case's {@code minIds} and
   * {@code cutEvery}; the answer is the number of ids of each list and the id of the first list.
   */
  private static ObjectNode idLists(JsonNode c, Keyed k) {
    IdHasher hasher = k.hasher();
    int n = k.format().idLength();
    int count = c.get("count").asInt();
    byte[] list = new byte[count * n];
    ArrayNode sizes = NODES.arrayNode();
    String first = null;
    int start = 0;
    for (int i = 0; i < count; i++) {
      ObjectNode blob = NODES.objectNode().put("counter", c.get("label").asText() + " " + i).put("length", 64);
      hasher.hash(input(blob)).copyTo(list, i * n);
      int ids = i + 1 - start;
      if (VolumeFormat.endsIdList(list, (i + 1) * n, ids, c.get("minIds").asInt(), c.get("cutEvery").asInt()) || i == count - 1) {
        sizes.add(ids);
        if (first == null) {
          first = hasher.hash(list, start * n, ids * n).hex();
        }
        start = i + 1;
      }
    }
    ObjectNode out = NODES.objectNode();
    out.set("listSizes", sizes);
    out.put("firstListId", first);
    return out;
  }

  /** An index case's packs: name, size and segments with offsets, stored and plain lengths, blobs. */
  static List<PackRecord> packRecords(JsonNode packs, VolumeFormat format) {
    int n = format.idLength();
    List<PackRecord> out = new ArrayList<>();
    for (JsonNode p : packs) {
      List<SegmentInfo> segments = new ArrayList<>();
      for (JsonNode s : p.get("segments")) {
        JsonNode blobs = s.get("blobs");
        byte[] ids = new byte[blobs.size() * n];
        int[] lengths = new int[blobs.size()];
        for (int i = 0; i < blobs.size(); i++) {
          format.parseId(blobs.get(i).get("id").asText()).copyTo(ids, i * n);
          lengths[i] = blobs.get(i).get("length").asInt();
        }
        segments.add(new SegmentInfo(type(s.get("type").asText()), s.get("offset").asLong(), s.get("storedLength").asInt(), s.get("plainLength").asInt(), ids, lengths));
      }
      out.add(new PackRecord(p.get("name").asText(), p.get("size").asLong(), segments));
    }
    return out;
  }

  static BlobType type(String name) {
    return switch (name) {
      case "data" -> BlobType.DATA;
      case "meta" -> BlobType.META;
      default -> throw new IllegalArgumentException("blob type must be data or meta, got " + name);
    };
  }

  static byte[] hex(JsonNode node, String field) {
    return HEX.parseHex(Objects.requireNonNull(node.get(field), field).asText());
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode answer(String field, String value) {
    return NODES.objectNode().put(field, value);
  }
}
