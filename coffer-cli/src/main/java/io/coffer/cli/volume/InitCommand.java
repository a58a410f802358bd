package io.coffer.cli.volume;

import io.coffer.cli.CommandBase;
import io.coffer.cli.options.Compression;
import io.coffer.cli.options.CompressionConverter;
import io.coffer.cli.options.SizeConverter;
import io.coffer.cli.output.Bytes;
import io.coffer.cli.passphrase.Passphrases;
import io.coffer.repo.Volume;
import io.coffer.repo.VolumeConfig;
import io.coffer.repo.VolumeFormat;
import io.coffer.repo.VolumeOptions;
import io.coffer.repo.chunker.ChunkerParams;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code coffer volume init}: creates a volume. Every option is validated before anything is written. */
@Command(name = "init", description = "Create a volume at LOCATION.")
final class InitCommand extends CommandBase {

  @Mixin LocationOptions location;

  @Option(names = "--chunk-min", paramLabel = "SIZE", converter = SizeConverter.class, description = "Smallest chunk (default 2K).")
  long chunkMin = ChunkerParams.DEFAULT.min();

  @Option(names = "--chunk-avg", paramLabel = "SIZE", converter = SizeConverter.class, description = "Average chunk, a power of two (default 8K).")
  long chunkAvg = ChunkerParams.DEFAULT.avg();

  @Option(names = "--chunk-max", paramLabel = "SIZE", converter = SizeConverter.class, description = "Largest chunk (default 64K).")
  long chunkMax = ChunkerParams.DEFAULT.max();

  @Option(names = "--compression", paramLabel = "zstd:N|none", converter = CompressionConverter.class, description = "zstd:1 … zstd:19 or none (default zstd:" + VolumeOptions.DEFAULT_COMPRESSION + ").")
  Compression compression = Compression.DEFAULT;

  @Option(names = "--tree-chunk-avg", paramLabel = "SIZE", converter = SizeConverter.class, description = "Average chunk of the files of"
      + " FILES and PHYSICAL backups, a power of two; the smallest is a quarter of it, the largest eight times (default 16K, or"
      + " the --chunk-* sizes when those are given).")
  Long treeChunkAvg;

  @Option(names = "--tree-compression", paramLabel = "zstd:N|none", converter = CompressionConverter.class, description = "Compression of"
      + " the files of FILES and PHYSICAL backups (default zstd:" + VolumeOptions.DEFAULT_TREE_COMPRESSION + ", or --compression when that is given).")
  Compression treeCompression;

  @Option(names = "--pack-size", paramLabel = "SIZE", converter = SizeConverter.class, description = "Target pack file size, 1M … 1G (default 16M).")
  long packSize = VolumeOptions.defaults().packSize();

  @Option(names = "--format", paramLabel = "1|2|3", description = "Volume format version (default ${DEFAULT-VALUE}): 2 stores ~60 fewer bytes"
      + " of metadata per chunk; 3 also stores the changed chunks of a level backup's changed files against the earlier backup's"
      + " chunks; a coffer older than a volume's format cannot open it.")
  int format = VolumeFormat.DEFAULT.number();

  @Option(names = "--insecure-no-encryption", description = "Store data unencrypted: anyone who can read the volume can read the backups.")
  boolean noEncryption;

  /** The config as {@code --json} prints it. */
  record Result(String location, VolumeConfig config) {}

  @Override
  public Integer call() throws IOException {
    VolumeOptions options = options();
    try (VolumeSession session = VolumeSession.start(location.applyTo(config()), env(), location.location())) {
      char[] passphrase = options.encrypted() ? new Passphrases(env()).chosen(session.location()) : null;
      try (Volume created = session.coffer().volumeOpener().create(session.location(), options, passphrase,
          env().masterKeys())) {
        print(created);
      } finally {
        Passphrases.wipe(passphrase);
      }
    }
    return 0;
  }

  private VolumeOptions options() {
    ChunkerParams chunker;
    try {
      chunker = new ChunkerParams(asInt("--chunk-min", chunkMin), asInt("--chunk-avg", chunkAvg), asInt("--chunk-max", chunkMax));
    } catch (IllegalArgumentException e) {
      throw badChunks(e.getMessage());
    }
    ChunkerParams treeChunker = chunker;
    if (treeChunkAvg != null) {
      int avg = asInt("--tree-chunk-avg", treeChunkAvg);
      try {
        treeChunker = ChunkerParams.around(avg);
      } catch (IllegalArgumentException e) {
        throw badValue("option '--tree-chunk-avg'", typed("--tree-chunk-avg", treeChunkAvg), e.getMessage());
      }
    } else if (!given("--chunk-min", "--chunk-avg", "--chunk-max")) {
      treeChunker = ChunkerParams.TREES;
    }
    Compression trees = treeCompression != null ? treeCompression
        : given("--compression") ? compression : new Compression(VolumeOptions.DEFAULT_TREE_COMPRESSION);
    if (packSize < VolumeOptions.MIN_PACK || packSize > VolumeOptions.MAX_PACK) {
      throw badValue("option '--pack-size'", typed("--pack-size", packSize), "use 1M … 1G");
    }
    if (format < 1 || format > VolumeFormat.NEWEST.number()) {
      throw badValue("option '--format'", typed("--format", format), "use 1, 2 or 3");
    }
    return VolumeOptions.defaults()
        .withKdf(env().kdf())
        .withChunker(chunker)
        .withCompression(compression.level())
        .withTreeChunker(treeChunker)
        .withTreeCompression(trees.level())
        .withPackSize((int) packSize)
        .withEncryption(!noEncryption)
        .withFormat(VolumeFormat.of(format));
  }

  private boolean given(String... options) {
    return Stream.of(options).anyMatch(o -> spec.commandLine().getParseResult().hasMatchedOption(o));
  }

  /** Blames the chunk options the user typed; the library's message gives all three sizes. */
  private ParameterException badChunks(String accepted) {
    List<String> given = Stream.of("--chunk-min", "--chunk-avg", "--chunk-max").filter(this::given).toList();
    List<String> values = given.stream().map(o -> typed(o, "")).toList();
    String label = given.size() == 1 ? "option '" + given.get(0) + "'" : "options '" + String.join("', '", given) + "'";
    return badValue(label, String.join("', '", values), accepted);
  }

  private int asInt(String option, long value) {
    if (value > ChunkerParams.LIMIT) {
      throw badValue("option '" + option + "'", typed(option, value), "chunks are at most 8M");
    }
    return (int) value;
  }

  private void print(Volume v) {
    VolumeConfig c = v.config();
    if (json()) {
      printJson(new Result(v.location(), c));
      return;
    }
    out().printf(
        "created volume %s%n  id           %s%n  format       %d%n  encryption   %s%n  chunks       min %s, avg %s, max %s%n  compression  %s%n"
            + "  tree files   chunks min %s, avg %s, max %s; compression %s%n  packs        %s%n",
        v.location(),
        c.id(),
        c.format(),
        c.encrypted() ? c.encryption() : "none (--insecure-no-encryption)",
        Bytes.format(c.chunker().min()),
        Bytes.format(c.chunker().avg()),
        Bytes.format(c.chunker().max()),
        new Compression(c.compressionLevel()),
        Bytes.format(c.treeChunker().min()),
        Bytes.format(c.treeChunker().avg()),
        Bytes.format(c.treeChunker().max()),
        new Compression(c.treeCompressionLevel()),
        Bytes.format(c.packSize()));
    out().flush();
  }
}
