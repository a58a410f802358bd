package io.coffer.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where a restore reads the streams of one backup. Thread-safe; a stream may be opened more than
 * once. A missing name makes {@link #open} throw {@link java.nio.file.NoSuchFileException}.
 */
public interface StreamSource {

  List<String> names() throws IOException;

  InputStream open(String name) throws IOException;
}
