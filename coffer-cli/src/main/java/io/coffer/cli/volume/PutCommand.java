package io.coffer.cli.volume;

import io.coffer.cli.UserException;
import io.coffer.cli.output.Bytes;
import io.coffer.repo.BackupSummary;
import io.coffer.repo.BackupWriter;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.manifest.BackupStats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer volume put}: a file or stdin becomes a stream, a directory a tree; prints the new backup id. */
@Command(name = "put", description = "Store a file, stdin (-) or a directory as a new backup and print its id.")
final class PutCommand extends OpenVolumeCommand {

  static final String NAMES_ACCEPTED = "use names separated by '/' without empty, '.' or '..' parts, backslashes or control characters";

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Name of the stream or tree inside the backup, e.g. sales.sql.")
  String name;

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag stored with the backup; repeatable.")
  Map<String, String> tags = new LinkedHashMap<>();

  @Parameters(index = "1", arity = "0..1", paramLabel = "FILE|DIR|-", defaultValue = "-", description = "What to store; - (the default) reads stdin.")
  String input;

  /** What {@code --json} prints. */
  record Result(String id, String name, long bytesRead, long bytesNew, long bytesStored, long blobs, long newBlobs, double seconds) {
    static Result of(String name, BackupSummary s) {
      BackupStats t = s.stats();
      return new Result(s.id(), name, t.bytesRead(), t.bytesNew(), t.bytesStored(), t.blobs(), t.newBlobs(), t.seconds());
    }
  }

  @Override
  void validate() {
    if (!isCleanName(name)) {
      throw badValue("option '--name'", name, NAMES_ACCEPTED);
    }
    for (String key : tags.keySet()) {
      if (key.isBlank()) {
        throw badValue("option '--tag'", "=" + tags.get(key), "use KEY=VALUE with a non-empty KEY");
      }
    }
    if (!input.equals("-") && !Files.exists(Path.of(input))) {
      throw new UserException("cannot put " + input + ": no such file or directory");
    }
  }

  @Override
  int run(VolumeSession session) throws IOException {
    ProgressListener progress = progress();
    BackupSummary summary;
    try (BackupWriter w = session.volume().newBackup(tags, progress)) {
      if (input.equals("-")) {
        progress.start("put " + name, -1, "bytes");
        w.putStream(name, env().stdin());
      } else if (Files.isDirectory(Path.of(input))) {
        progress.start("put " + name, -1, "bytes");
        w.putTree(name, Path.of(input));
      } else {
        Path file = Path.of(input);
        progress.start("put " + name, Files.size(file), "bytes");
        try (InputStream in = Files.newInputStream(file)) {
          w.putStream(name, in);
        }
      }
      summary = w.commit();
    }
    if (json()) {
      printJson(Result.of(name, summary));
    } else {
      out().println(summary.id());
      out().flush();
      BackupStats s = summary.stats();
      err().printf(
          Locale.ROOT,
          "backup %s: read %s, new %s, stored %s, %d blobs (%d new) in %.1f s%n",
          summary.id().substring(0, 12),
          Bytes.format(s.bytesRead()),
          Bytes.format(s.bytesNew()),
          Bytes.format(s.bytesStored()),
          s.blobs(),
          s.newBlobs(),
          s.seconds());
      err().flush();
    }
    return 0;
  }

  /** A name that restores to a path below the target directory and nowhere else. */
  static boolean isCleanName(String name) {
    if (name.isEmpty() || name.length() > 1024 || name.chars().anyMatch(c -> c < 32 || c == 127 || c == '\\')) {
      return false;
    }
    for (String part : name.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
