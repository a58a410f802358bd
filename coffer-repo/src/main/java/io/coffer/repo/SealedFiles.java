package io.coffer.repo;

import io.coffer.repo.backend.Backend;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.crypto.Sealer;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Saves and loads the sealed files of a volume (indexes, manifests, locks), each named by the SHA-256
 * of its stored bytes. Loading verifies the name before opening, so a damaged file is reported as
 * damaged rather than as a wrong key.
 */
public final class SealedFiles {

  private final Backend backend;
  private final Sealer sealer;
  private final Codec codec;

  public SealedFiles(Backend backend, Sealer sealer, Codec codec) {
    this.backend = backend;
    this.sealer = sealer;
    this.codec = codec;
  }

  /** Encodes, seals and saves {@code plain}; returns the new file's name. */
  public String save(FileType type, byte[] plain) throws IOException {
    byte[] stored = sealer.seal(codec.encode(plain));
    String name = sha256(stored);
    backend.save(new Handle(type, name), stored);
    return name;
  }

  public byte[] load(FileType type, String name) throws IOException {
    byte[] stored = backend.load(new Handle(type, name));
    return open(type, name, stored);
  }

  public byte[] open(FileType type, String name, byte[] stored) {
    String actual = sha256(stored);
    if (!actual.equals(name)) {
      throw new CorruptDataException(type.folder() + "/" + name + " is damaged: its content hashes to " + actual.substring(0, 16) + "…");
    }
    try {
      return Codec.decode(sealer.open(stored));
    } catch (CorruptDataException e) {
      throw new CorruptDataException(type.folder() + "/" + name + " is damaged: " + e.getMessage(), e);
    }
  }

  public static String sha256(byte[] data) {
    return sha256(data, 0, data.length);
  }

  public static String sha256(byte[] data, int offset, int length) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(data, offset, length);
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
