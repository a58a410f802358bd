package io.coffer.server.console;

import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupStatus;
import java.util.List;
import java.util.Locale;

/**
 * Bar charts drawn on the server as SVG (no script, nothing inline that the page's content security
 * policy forbids): stored size and duration of backups over time, oldest on the left.
 */
final class Charts {

  private static final int WIDTH = 600;
  private static final int HEIGHT = 80;

  private Charts() {}

  static String storedAndDuration(List<Backup> newestFirst) {
    List<Backup> done = newestFirst.stream().filter(b -> b.status() == BackupStatus.SUCCEEDED).limit(60).toList();
    if (done.isEmpty()) {
      return "";
    }
    List<Backup> oldestFirst = new java.util.ArrayList<>(done);
    java.util.Collections.reverse(oldestFirst);
    return "<div class=\"charts\"><figure><figcaption>Stored per backup</figcaption>"
        + bars("chart-stored", oldestFirst, b -> (double) b.bytesStored(), b -> Html.bytes(b.bytesStored()))
        + "</figure><figure><figcaption>Duration per backup</figcaption>"
        + bars("chart-duration", oldestFirst, b -> b.duration() == null ? 0 : b.duration().toMillis() / 1000.0,
            b -> b.duration() == null ? "" : b.duration().toSeconds() + " s")
        + "</figure></div>";
  }

  /** The share of what a backup read that was already in its volume. */
  static String dedup(Backup b) {
    if (b.bytesRead() <= 0 || b.status() != BackupStatus.SUCCEEDED) {
      return "";
    }
    double saved = 1.0 - (double) b.bytesNew() / b.bytesRead();
    return String.format(Locale.ROOT, "%.0f%%", Math.max(0, saved) * 100);
  }

  private static String bars(String id, List<Backup> backups, java.util.function.ToDoubleFunction<Backup> value,
      java.util.function.Function<Backup, String> label) {
    double max = backups.stream().mapToDouble(value).max().orElse(0);
    double width = (double) WIDTH / backups.size();
    StringBuilder svg = new StringBuilder("<svg id=\"").append(id).append("\" viewBox=\"0 0 ").append(WIDTH)
        .append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" role=\"img\">");
    for (int i = 0; i < backups.size(); i++) {
      Backup b = backups.get(i);
      double h = max <= 0 ? 0 : value.applyAsDouble(b) / max * (HEIGHT - 2);
      svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
          i * width + 1, HEIGHT - h, Math.max(1, width - 2), h))
          .append("<title>backup ").append(b.id()).append(": ").append(Html.text(label.apply(b))).append("</title></rect>");
    }
    return svg.append("</svg>").toString();
  }
}
