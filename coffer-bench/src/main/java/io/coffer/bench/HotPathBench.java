package io.coffer.bench;

import io.coffer.repo.chunker.ChunkerParams;
import io.coffer.repo.chunker.FastCdc;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.crypto.IdHasher;
import io.coffer.repo.crypto.MasterKey;
import io.coffer.repo.crypto.Sealer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-core throughput of each stage on a 1 MiB dump-like buffer (text rows with 20% random bytes).
 * Each op processes 1 MiB, so MiB/s = ops/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBench {

  private byte[] data;
  private byte[] encoded;
  private byte[] sealed;
  private FastCdc cdc;
  private IdHasher hasher;
  private Codec zstd;
  private Sealer sealer;

  @Setup
  public void setup() {
    Random r = new Random(1);
    data = new byte[1 << 20];
    int pos = 0;
    int row = 0;
    while (pos < data.length) {
      byte[] line;
      if (r.nextInt(5) == 0) {
        line = new byte[128];
        r.nextBytes(line);
      } else {
        line = (row++ + "\tcustomer-" + r.nextInt(100000) + "\t" + r.nextInt(1000000) / 100.0 + "\t2026-11-22\topen\n").getBytes(StandardCharsets.UTF_8);
      }
      int n = Math.min(line.length, data.length - pos);
      System.arraycopy(line, 0, data, pos, n);
      pos += n;
    }
    MasterKey key = MasterKey.random();
    hasher = new IdHasher(key);
    cdc = new FastCdc(ChunkerParams.DEFAULT, FastCdc.gearTable(hasher));
    zstd = Codec.zstd(3);
    sealer = Sealer.aesGcm(key);
    encoded = zstd.encode(data);
    sealed = sealer.seal(data);
  }

  @Benchmark
  public int chunker() {
    int pos = 0;
    int cuts = 0;
    while (pos < data.length) {
      pos += cdc.cut(data, pos, data.length - pos);
      cuts++;
    }
    return cuts;
  }

  @Benchmark
  public void hmacSha256In8KiBChunks(Blackhole bh) {
    for (int pos = 0; pos < data.length; pos += 8192) {
      bh.consume(hasher.hash(data, pos, 8192));
    }
  }

  @Benchmark
  public byte[] zstd3Compress() {
    return zstd.encode(data);
  }

  @Benchmark
  public byte[] zstdDecompress() {
    return Codec.decode(encoded);
  }

  @Benchmark
  public byte[] aesGcmSeal() {
    return sealer.seal(data);
  }

  @Benchmark
  public byte[] aesGcmOpen() {
    return sealer.open(sealed);
  }
}
