package io.coffer.source;

/**
 * A stream from a {@link StreamSink} that, once closed, names its content by the sink's own digest
 * of it as stored ({@link StreamReport#content()}). {@link RecordingSink} then does not hash the
 * bytes itself: a volume's blob ids already are keyed hashes of every byte, and a second SHA-256
 * pass over them was about a tenth of a warm agent's CPU in a database backup (docs/benchmarks.md).
 */
public interface StoredStream {

  /** The content's digest (hex); only once the stream is closed. */
  String contentDigest();
}
