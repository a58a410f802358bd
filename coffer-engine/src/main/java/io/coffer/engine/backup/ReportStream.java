package io.coffer.engine.backup;

import io.coffer.engine.offline.PendingBackup;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.coffer.source.BackupReport;
import io.coffer.source.SourceJson;
import io.coffer.source.StreamReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The driver's {@link BackupReport} kept in the backup itself, as the stream {@value #NAME}: the
 * volume is the truth about what exists (DESIGN rule 1), so restore and a catalog rebuilt from the
 * volume need nothing else.
 */
public final class ReportStream {

  /** The entry name; drivers name their streams after databases, which always carry a slash. */
  public static final String NAME = "coffer-report.json";

  private ReportStream() {}

  public static byte[] encode(BackupReport report) {
    try {
      return SourceJson.mapper().writeValueAsBytes(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a backup report always serializes", e);
    }
  }

  public static BackupReport decode(InputStream in) throws IOException {
    return SourceJson.mapper().readValue(in, BackupReport.class);
  }

  /**
   * A checksum of the whole backup: SHA-256 over the name and digest of every stream, in name
   * order. Two backups of one volume with this checksum hold the same bytes. A stream named by its
   * bytes' SHA-256 (backups before the content digest) enters as the bare hex it always did, so their
   * checksums stay what the catalog recorded.
   */
  public static String checksum(BackupReport report) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      report.streams().stream().sorted(Comparator.comparing(StreamReport::name)).forEach(stream ->
          sha256.update((stream.name() + " " + (stream.content() == null ? stream.sha256() : stream.digest()) + "\n").getBytes(StandardCharsets.UTF_8)));
      return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }

  /** What the catalog keeps of a report; {@link PendingBackup.ReportDetails#NONE} for a failed backup's null. */
  public static PendingBackup.ReportDetails details(BackupReport report) {
    if (report == null) {
      return PendingBackup.ReportDetails.NONE;
    }
    return new PendingBackup.ReportDetails(checksum(report), Objects.requireNonNullElse(report.serverVersion(), ""),
        Objects.requireNonNullElse(report.toolVersion(), ""), report.roles(),
        new String(encode(report), StandardCharsets.UTF_8));
  }
}
