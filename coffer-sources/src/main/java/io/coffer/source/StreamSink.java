package io.coffer.source;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a backup writes its streams. Thread-safe: a driver keeps several streams open at once (one
 * per parallel job). The caller writes the returned stream and closes it; a stream counts as complete
 * only once closed. Creating a name twice is an error.
 */
public interface StreamSink {

  OutputStream create(String name) throws IOException;
}
