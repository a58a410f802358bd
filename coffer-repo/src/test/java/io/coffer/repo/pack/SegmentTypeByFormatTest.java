package io.coffer.repo.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.BlobType;
import io.coffer.repo.CorruptDataException;
import io.coffer.repo.VolumeFormat;
import io.coffer.repo.index.IndexFile;
import io.coffer.repo.index.PackRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Segments encoded against references (type 2) exist from format 3 on: earlier formats refuse them. */
class SegmentTypeByFormatTest {

  private static final String PACK = "ab".repeat(32);

  private static List<SegmentInfo> segments(VolumeFormat format, BlobType type) {
    byte[] ids = new byte[2 * format.idLength()];
    ids[0] = 1;
    ids[format.idLength()] = 2;
    return List.of(new SegmentInfo(BlobType.DATA, 0, 100, 300, new byte[format.idLength()], new int[] {300}),
        new SegmentInfo(type, 100, 40, 600, ids, new int[] {200, 400}));
  }

  @Test
  void format3_writesAndReadsType2_inPackHeadersAndIndexes() {
    List<SegmentInfo> written = segments(VolumeFormat.V3, BlobType.DELTA);
    assertThat(PackHeader.decode(VolumeFormat.V3, PackHeader.encode(VolumeFormat.V3, written)))
        .extracting(SegmentInfo::type).containsExactly(BlobType.DATA, BlobType.DELTA);
    List<Byte> types = new ArrayList<>();
    IndexFile.decode(VolumeFormat.V3, IndexFile.encode(VolumeFormat.V3, List.of(new PackRecord(PACK, 140, written))).get(0),
        new IndexFile.Visitor() {
          @Override
          public void pack(String name, long size) {}

          @Override
          public void entry(byte[] buf, int idOffset, byte type, int segmentOffset, int segmentLength, int offsetInSegment, int length) {
            types.add(type);
          }
        });
    assertThat(types).containsExactly((byte) 0, (byte) 2, (byte) 2);
  }

  @Test
  void formats1And2_refuseType2_inPackHeadersAndIndexes() {
    for (VolumeFormat format : new VolumeFormat[] {VolumeFormat.V1, VolumeFormat.V2}) {
      List<SegmentInfo> written = segments(format, BlobType.DELTA);
      byte[] header = PackHeader.encode(format, written);
      assertThatThrownBy(() -> PackHeader.decode(format, header)).isInstanceOf(CorruptDataException.class)
          .hasMessageContaining("which format " + format.number() + " has not");
      byte[] index = IndexFile.encode(format, List.of(new PackRecord(PACK, 140, written))).get(0);
      assertThatThrownBy(() -> IndexFile.decode(format, index, new IndexFile.Visitor() {
        @Override
        public void pack(String name, long size) {}

        @Override
        public void entry(byte[] buf, int idOffset, byte type, int segmentOffset, int segmentLength, int offsetInSegment, int length) {}
      })).isInstanceOf(CorruptDataException.class).hasMessageContaining("which format " + format.number() + " has not");
    }
  }
}
