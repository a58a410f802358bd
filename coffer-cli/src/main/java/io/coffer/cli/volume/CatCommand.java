package io.coffer.cli.volume;

import io.coffer.cli.output.JsonOutput;
import io.coffer.repo.BackupReader;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code coffer volume cat}: writes a stream of a backup to stdout. Every blob is verified before a
 * byte of it is written, so damage stops the output instead of corrupting it. Stdout carries the
 * data, so {@code --json} prints its summary on stderr.
 */
@Command(name = "cat", description = "Write a stream of a backup to stdout.")
final class CatCommand extends OpenVolumeCommand {

  @Parameters(index = "1", paramLabel = "ID[:NAME]", description = "Backup id, unique prefix or latest (the newest); NAME picks a stream when the backup has several.")
  String ref;

  record Result(String id, String name, long bytes) {}

  @Override
  int run(VolumeSession session) throws IOException {
    BackupRef r = BackupRef.parse(ref);
    String id = session.volume().resolve(r.id());
    Counting out = new Counting(env().stdout());
    try (BackupReader reader = session.volume().reader()) {
      reader.cat(id, r.name(), out, progress());
    }
    out.flush();
    if (json()) {
      JsonOutput.print(err(), new Result(id, r.name(), out.bytes));
    }
    return 0;
  }

  /** Counts what passes without closing the process's stdout. */
  private static final class Counting extends FilterOutputStream {
    long bytes;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      bytes += len;
    }
  }
}
