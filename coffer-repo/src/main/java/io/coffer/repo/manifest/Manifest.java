package io.coffer.repo.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Map;

/** A committed backup: what it holds and how it was made (docs/repository-format.md, "Backup manifests"). */
public record Manifest(int format, String time, String host, String user, Map<String, String> tags, List<Entry> entries, BackupStats stats) {

  @JsonIgnore
  public Entry entry(String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
  }

  @JsonIgnore
  public long size() {
    return entries.stream().mapToLong(Entry::size).sum();
  }
}
