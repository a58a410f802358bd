package io.coffer.repo.chunker;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.repo.TestData;
import io.coffer.repo.crypto.IdHasher;
import io.coffer.repo.crypto.MasterKey;
import io.coffer.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FastCdcTest {

  private static final ChunkerParams PARAMS = new ChunkerParams(2048, 8192, 65536);

  private static FastCdc chunker(MasterKey key) {
    return new FastCdc(PARAMS, FastCdc.gearTable(new IdHasher(key)));
  }

  private static List<Integer> cuts(FastCdc cdc, byte[] data, int writeSize) {
    List<Integer> lengths = new ArrayList<>();
    Batcher b = new Batcher(cdc, 1 << 20, batch -> {
      for (int i = 0; i < batch.count(); i++) {
        lengths.add(batch.length(i));
      }
    });
    for (int i = 0; i < data.length; i += writeSize) {
      b.write(data, i, Math.min(writeSize, data.length - i));
    }
    b.finish();
    return lengths;
  }

  @Test
  void chunks_respectMinAndMax_andAverageNearTarget() {
    byte[] data = new byte[8 << 20];
    Seeds.random("FastCdcTest.chunks_respectMinAndMax data").nextBytes(data);
    List<Integer> lengths = cuts(chunker(TestData.masterKey("FastCdcTest.chunks_respectMinAndMax")), data, 1 << 16);
    assertThat(lengths.stream().mapToLong(Integer::longValue).sum()).isEqualTo(data.length);
    assertThat(lengths.subList(0, lengths.size() - 1)).allSatisfy(l -> assertThat(l).isBetween(2048, 65536));
    double avg = data.length / (double) lengths.size();
    assertThat(avg).as("average chunk size").isBetween(6000.0, 14000.0);
  }

  @Test
  void cuts_doNotDependOnHowTheInputWasWritten() {
    byte[] data = new byte[3 << 20];
    new Random(42).nextBytes(data);
    FastCdc cdc = chunker(TestData.masterKey("FastCdcTest.cuts_doNotDependOnHowTheInputWasWritten"));
    assertThat(cuts(cdc, data, 1)).isEqualTo(cuts(cdc, data, 1 << 20));
    assertThat(cuts(cdc, data, 977)).isEqualTo(cuts(cdc, data, 3 << 20));
  }

  /** A Batcher told how long its stream will be, rightly or wrongly, through {@link Batcher#readAll}. */
  private static List<Integer> cutsExpecting(FastCdc cdc, byte[] data, long expected) throws java.io.IOException {
    List<Integer> lengths = new ArrayList<>();
    Batcher b = new Batcher(cdc, 1 << 20, expected, batch -> {
      for (int i = 0; i < batch.count(); i++) {
        lengths.add(batch.length(i));
      }
    });
    b.readAll(new java.io.ByteArrayInputStream(data));
    b.finish();
    return lengths;
  }

  @Test
  void aStreamOfAnExpectedLength_isCutAsOneOfUnknownLength_whateverItsRealLength() throws Exception {
    FastCdc cdc = chunker(TestData.masterKey("FastCdcTest.expectedLength"));
    Random r = new Random(5);
    for (int size : new int[] {0, 1, 5000, 65536, 200_000, 3 << 20}) {
      byte[] data = new byte[size];
      r.nextBytes(data);
      List<Integer> unknown = cuts(cdc, data, 1 << 16);
      for (long expected : new long[] {0, 1, size / 3, size - 1, size, size + 1, 2L * size + 7, 1L << 40}) {
        assertThat(cutsExpecting(cdc, data, expected)).as("%d bytes, %d expected", size, expected).isEqualTo(unknown);
      }
    }
  }

  @Test
  void batchesOfGrowingSize_cutWhereOnePassOverTheWholeInputCuts() {
    byte[] data = new byte[5 << 20];
    new Random(11).nextBytes(data);
    FastCdc cdc = chunker(TestData.masterKey("FastCdcTest.batchesOfGrowingSize"));
    List<Integer> onePass = new ArrayList<>();
    for (int at = 0; at < data.length; ) {
      int n = cdc.cut(data, at, data.length - at);
      onePass.add(n);
      at += n;
    }
    assertThat(cuts(cdc, data, 65536)).isEqualTo(onePass);
    assertThat(cuts(cdc, data, 3 << 20)).isEqualTo(onePass);
  }

  @Test
  void anInsertion_onlyChangesChunksNearIt() {
    byte[] data = new byte[4 << 20];
    new Random(7).nextBytes(data);
    byte[] shifted = new byte[data.length + 100];
    System.arraycopy(data, 0, shifted, 0, 1 << 20);
    System.arraycopy(data, 1 << 20, shifted, (1 << 20) + 100, data.length - (1 << 20));
    FastCdc cdc = chunker(TestData.masterKey("FastCdcTest.anInsertion_onlyChangesChunksNearIt"));
    List<Integer> a = cuts(cdc, data, 1 << 16);
    List<Integer> b = cuts(cdc, shifted, 1 << 16);
    // Compare the tails: after resynchronization the chunk lengths are identical.
    List<Integer> tailA = a.subList(a.size() - (a.size() / 2), a.size());
    List<Integer> tailB = b.subList(b.size() - (a.size() / 2), b.size());
    assertThat(tailB).isEqualTo(tailA);
  }

  @Test
  void differentKeys_cutDifferently() {
    byte[] data = new byte[1 << 20];
    new Random(3).nextBytes(data);
    assertThat(cuts(chunker(TestData.masterKey("FastCdcTest.differentKeys a")), data, 4096))
        .isNotEqualTo(cuts(chunker(TestData.masterKey("FastCdcTest.differentKeys b")), data, 4096));
  }
}
