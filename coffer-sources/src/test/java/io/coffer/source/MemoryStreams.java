package io.coffer.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Streams kept in memory: the sink a test backs up into and the source it restores from. */
public class MemoryStreams implements StreamSink, StreamSource {

  private final Map<String, byte[]> streams = new ConcurrentHashMap<>();

  @Override
  public OutputStream create(String name) throws IOException {
    if (streams.containsKey(name)) {
      throw new IOException("stream " + name + " exists");
    }
    return new ByteArrayOutputStream() {
      @Override
      public void close() {
        streams.put(name, toByteArray());
      }
    };
  }

  @Override
  public List<String> names() {
    List<String> names = new ArrayList<>(streams.keySet());
    names.sort(null);
    return names;
  }

  @Override
  public InputStream open(String name) throws IOException {
    byte[] bytes = streams.get(name);
    if (bytes == null) {
      throw new NoSuchFileException(name);
    }
    return new ByteArrayInputStream(bytes);
  }

  /** What a test does with the bytes about to be written to a stream: kill a child, end a connection, fail. */
  @FunctionalInterface
  public interface BeforeWrite {
    void accept(String stream, byte[] b, int off, int len) throws IOException;
  }

  /** Memory streams that call {@code hook} before each write to any of them. */
  public static MemoryStreams beforeEachWrite(BeforeWrite hook) {
    return new MemoryStreams() {
      @Override
      public OutputStream create(String name) throws IOException {
        return new FilterOutputStream(super.create(name)) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            hook.accept(name, b, off, len);
            out.write(b, off, len);
          }
        };
      }
    };
  }

  public byte[] bytes(String name) {
    return streams.get(name);
  }

  /** Replaces a stream's bytes, to simulate a damaged backup. */
  public void put(String name, byte[] bytes) {
    streams.put(name, bytes);
  }
}
