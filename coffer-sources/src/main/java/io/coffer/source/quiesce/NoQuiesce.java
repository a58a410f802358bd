package io.coffer.source.quiesce;

import io.coffer.source.process.Cancellation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code none}: the directory is read as it is. Right for a directory nothing writes while it is
 * backed up; for a running database the copy can be corrupt, which the engine refuses unless told
 * {@code --force-unquiesced}.
 */
final class NoQuiesce implements Quiesce {

  private final Path dataDirectory;

  NoQuiesce(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  @Override
  public String method() {
    return "none";
  }

  @Override
  public List<String> recover() {
    return List.of();
  }

  @Override
  public Hold hold(Cancellation cancellation) {
    return new Hold(method(), dataDirectory, Instant.now(), false, List.of(), log -> {});
  }
}
