package io.coffer.cli.backup;

import io.coffer.cli.definition.Ids;
import io.coffer.cli.output.Bytes;
import io.coffer.cli.session.Details;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.cli.session.Rows;
import io.coffer.engine.Coffer;
import io.coffer.engine.backup.BackupService;
import io.coffer.repo.manifest.Entry;
import io.coffer.source.BackupReport;
import io.coffer.source.MemberReport;
import io.coffer.source.TableReport;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coffer backup contents ID}: members, streams, tables with row counts and sizes. The bytes a
 * backup read and stored are its own; a database's size on the server is labelled as such, so that
 * the two are not mistaken for each other. For a FILES backup its tree, one line per file as {@code
 * tar tv} lists an archive.
 */
@Command(name = "contents", description = {"List a backup's databases, streams and tables (reads the volume).",
    "For a FILES backup: its files, like tar tv."})
final class BackupContents extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Id of the backup.")
  String id;

  @Option(names = "--path", paramLabel = "PATH", description = "FILES: only this file or directory of the tree.")
  String path;

  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Backup id", "#0", () -> id, v -> id = v));
  }

  @Override
  protected int run(Coffer coffer) {
    long backup = Ids.parse("backup", id);
    BackupService.Contents contents = coffer.backups().contents(backup);
    if (contents.report().map(BackupReport::treeName).isPresent()) {
      return files(coffer, backup, contents.report().get());
    }
    Rows streams = new Rows("STREAM", "TYPE", "READ").alignRight(2);
    Map<String, Long> read = new HashMap<>();
    for (Entry entry : contents.manifest().entries()) {
      streams.add(entry.name(), entry.type(), Bytes.format(entry.size()));
      read.put(entry.name(), entry.size());
    }
    Rows members = new Rows("DATABASE", "SIZE ON DISK", "READ", "STREAMS").alignRight(1, 2);
    // FORMAT: how the stream holds the rows when not in the engine's usual form (binary COPY).
    Rows tables = new Rows("DATABASE", "TABLE", "ROWS", "CHECKSUM", "FORMAT").alignRight(2);
    BackupReport report = contents.report().orElse(null);
    if (report != null) {
      for (MemberReport member : report.members()) {
        long memberRead = member.streams().stream().mapToLong(s -> read.getOrDefault(s, 0L)).sum();
        members.add(member.database(), Bytes.format(member.sizeBytes()), Bytes.format(memberRead),
            String.join(", ", member.streams()));
        for (TableReport table : member.tables()) {
          tables.add(member.database(), table.qualifiedName(), table.rows(), table.checksum().substring(0, 16),
              table.format() == null ? "" : table.format());
        }
      }
    }
    Details details = new Details()
        .add("Backup id", contents.backup().id())
        .add("Manifest", contents.backup().manifestId())
        .add("Written", contents.manifest().time())
        .add("Tags", contents.manifest().tags().toString())
        .add("Consistency", report == null ? "" : report.consistency());
    print(BackupRows.bytes(details, contents.backup())
        .table("Databases", members)
        .table("Streams", streams)
        .table("Tables", tables));
    return 0;
  }

  /**
   * The tree, streamed line by line (a data directory may hold millions of files), then the streams
   * a PHYSICAL backup keeps beside it (the server's log and backup label).
   */
  private int files(Coffer coffer, long backup, BackupReport report) {
    if (json()) {
      List<Object> nodes = new java.util.ArrayList<>();
      coffer.backups().walkTree(backup, path, (p, node) -> nodes.add(TreeListing.fields(p, node)));
      Map<String, Object> listing = new java.util.LinkedHashMap<>();
      listing.put("backup", backup);
      listing.put("files", nodes);
      if (report.physical() != null) {
        listing.put("streams", report.streams());
      }
      printJson(listing);
      return 0;
    }
    // Buffered: the command's writer flushes at every line, a write to the terminal or pipe per file.
    PrintWriter lines = new PrintWriter(new BufferedWriter(out(), 1 << 16));
    try {
      coffer.backups().walkTree(backup, path, (p, node) -> lines.println(TreeListing.line(p, node)));
    } finally {
      lines.flush();
    }
    if (report.physical() != null && path == null) {
      Rows streams = new Rows("STREAM", "BYTES", "DIGEST").alignRight(1);
      report.streams().forEach(s -> streams.add(s.name(), Bytes.format(s.bytes()), s.shortDigest()));
      out().println();
      print(new Details().add("Consistency", report.consistency()).table("Streams beside the tree", streams));
    }
    out().flush();
    return 0;
  }
}
