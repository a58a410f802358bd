package io.coffer.repo.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.repo.BlobId;
import io.coffer.repo.CorruptDataException;
import io.coffer.repo.VolumeFormat;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.crypto.IdHasher;
import io.coffer.repo.crypto.MasterKey;
import io.coffer.repo.crypto.Sealer;
import io.coffer.repo.index.IndexFile;
import io.coffer.repo.pack.PackHeader;
import io.coffer.repo.pack.SegmentInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * This implementation against the committed known-answer vectors of every format: every answer
 * recomputed from its case's inputs (writing direction), and the stored forms read back (reading
 * direction).
 */
class FormatVectorsTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final Map<VolumeFormat, JsonNode> FILES = new EnumMap<>(VolumeFormat.class);
  private static JsonNode file;
  private static MasterKey key;

  @BeforeAll
  static void load() throws Exception {
    for (VolumeFormat f : VolumeFormat.values()) {
      FILES.put(f, FormatVectors.load(f));
    }
    file = FILES.get(VolumeFormat.V1);
    key = FormatVectors.masterKey(file);
  }

  static Stream<Arguments> cases() throws Exception {
    List<Arguments> out = new ArrayList<>();
    for (VolumeFormat format : VolumeFormat.values()) {
      JsonNode f = FormatVectors.load(format);
      for (String section : FormatVectors.sections(format)) {
        assertThat(f.get(section)).as("format " + format.number() + " section " + section).isNotEmpty();
        for (int i = 0; i < f.get(section).size(); i++) {
          out.add(Arguments.of(format, section, i));
        }
      }
    }
    return out.stream();
  }

  static Stream<VolumeFormat> formats() {
    return Stream.of(VolumeFormat.values());
  }

  @ParameterizedTest(name = "format {0}: {1}[{2}]")
  @MethodSource("cases")
  void everyAnswer_isWhatThisImplementationComputes(VolumeFormat format, String section, int index) {
    JsonNode f = FILES.get(format);
    JsonNode c = f.get(section).get(index);
    BiFunction<JsonNode, FormatVectors.Keyed, ObjectNode> compute = FormatVectors.SECTIONS.get(section);
    ObjectNode answers = compute.apply(c, new FormatVectors.Keyed(FormatVectors.masterKey(f), format));
    assertThat(answers.size()).isPositive();
    for (Map.Entry<String, JsonNode> a : answers.properties()) {
      assertThat(a.getValue()).as(section + "[" + index + "]." + a.getKey()).isEqualTo(c.get(a.getKey()));
    }
  }

  @ParameterizedTest(name = "format {0}")
  @MethodSource("formats")
  void theFile_isOfItsFormat_andItsMasterKeyIsTheOneTheKeyFilesHold(VolumeFormat format) {
    JsonNode f = FILES.get(format);
    assertThat(f.get("format").asInt()).isEqualTo(format.number());
    assertThat(f.get("vectorsVersion").asInt()).isEqualTo(1);
    assertThat(f.get("masterKey")).isEqualTo(file.get("masterKey"));
    for (JsonNode c : file.get("keyFiles")) {
      assertThat(c.get("masterKey").get("id").asText()).isEqualTo(file.get("masterKey").get("id").asText());
    }
  }

  @Test
  void sealedVectors_open_andAnAlteredOneIsRefused() {
    Sealer sealer = Sealer.aesGcm(key);
    int whole = 0;
    for (JsonNode c : file.get("sealing")) {
      if (c.has("sealed")) {
        byte[] sealed = FormatVectors.hex(c, "sealed");
        assertThat(sealer.open(sealed)).isEqualTo(FormatVectors.input(c.get("input")));
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> sealer.open(sealed)).isInstanceOf(CorruptDataException.class);
        whole++;
      }
    }
    assertThat(whole).isGreaterThanOrEqualTo(2);
  }

  @ParameterizedTest(name = "format {0}")
  @MethodSource("formats")
  void thePackVector_readsBack_toItsBlobs_andItsHeaderDecodes(VolumeFormat format) {
    JsonNode c = FILES.get(format).get("packs").get(0);
    byte[] pack = FormatVectors.hex(c, "pack");
    assertThat(HEX.formatHex(FormatVectors.sha256(pack))).isEqualTo(c.get("name").asText());
    List<SegmentInfo> segments = PackHeader.decode(format, FormatVectors.hex(c, "header"));
    FormatVectors.Keyed keyed = new FormatVectors.Keyed(key, format);
    assertThat(FormatVectors.segmentsOf(pack, keyed, c.get("name").asText())).usingRecursiveFieldByFieldElementComparator().isEqualTo(segments);
    Sealer sealer = Sealer.aesGcm(key);
    IdHasher hasher = keyed.hasher();
    for (int s = 0; s < segments.size(); s++) {
      SegmentInfo info = segments.get(s);
      JsonNode blobs = c.get("segments").get(s).get("blobs");
      assertThat(info.type()).isEqualTo(FormatVectors.type(c.get("segments").get(s).get("type").asText()));
      byte[] plain = Codec.decode(sealer.open(Arrays.copyOfRange(pack, (int) info.offset(), (int) info.offset() + info.storedLength())));
      assertThat(plain).hasSize(info.plainLength());
      int at = 0;
      for (int i = 0; i < blobs.size(); i++) {
        byte[] blob = FormatVectors.input(blobs.get(i));
        assertThat(Arrays.copyOfRange(plain, at, at + info.lengths()[i])).isEqualTo(blob);
        assertThat(info.id(i)).isEqualTo(hasher.hash(blob));
        at += info.lengths()[i];
      }
    }
  }

  @ParameterizedTest(name = "format {0}")
  @MethodSource("formats")
  void theIndexVector_decodes_toThePackItDescribes(VolumeFormat format) {
    JsonNode c = FILES.get(format).get("indexes").get(0);
    List<String> seen = new ArrayList<>();
    IndexFile.decode(format, FormatVectors.hex(c, "plain"), new IndexFile.Visitor() {
      @Override
      public void pack(String name, long size) {
        seen.add("pack " + name + " " + size);
      }

      @Override
      public void entry(byte[] buf, int idOffset, byte type, int segmentOffset, int segmentLength, int offsetInSegment, int length) {
        seen.add(BlobId.of(buf, idOffset, format.idLength()).hex() + " " + type + " " + segmentOffset + " " + segmentLength + " " + offsetInSegment + " " + length);
      }
    });
    List<String> expected = new ArrayList<>();
    for (JsonNode p : c.get("packs")) {
      expected.add("pack " + p.get("name").asText() + " " + p.get("size").asLong());
      for (JsonNode s : p.get("segments")) {
        int within = 0;
        for (JsonNode b : s.get("blobs")) {
          expected.add(b.get("id").asText() + " " + FormatVectors.type(s.get("type").asText()).code() + " " + s.get("offset").asInt() + " "
              + s.get("storedLength").asInt() + " " + within + " " + b.get("length").asInt());
          within += b.get("length").asInt();
        }
      }
    }
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void aKeyFile_withAWrongPassphrase_opensNothing() {
    JsonNode c = file.get("keyFiles").get(0);
    ObjectNode wrong = ((ObjectNode) c.deepCopy()).put("passphrase", "not the passphrase");
    assertThat(FormatVectors.SECTIONS.get("keyFiles").apply(wrong, new FormatVectors.Keyed(key, VolumeFormat.V1)).get("masterKey").isNull()).isTrue();
  }

  @Test
  void rawEncoding_isTheFlagThenTheBytes_andIncompressibleDataStaysRaw() {
    byte[] noise = FormatVectors.input(file.get("blobIds").get(2).get("input"));
    assertThat(Codec.none().encode(new byte[] {7, 8})).containsExactly(0, 7, 8);
    assertThat(Codec.zstd(3).encode(noise)[0]).isEqualTo(Codec.RAW);
  }
}
