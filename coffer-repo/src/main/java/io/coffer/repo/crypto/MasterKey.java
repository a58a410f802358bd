package io.coffer.repo.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The volume's secret: 32 bytes for AES-256-GCM and 32 bytes for blob ids and the chunker's gear
 * table. Never printed, never logged ({@link #toString()} hides it).
 */
public final class MasterKey {

  private final byte[] encryption;
  private final byte[] id;

  public MasterKey(byte[] encryption, byte[] id) {
    if (encryption.length != 32 || id.length != 32) {
      throw new IllegalArgumentException("master key parts must be 32 bytes each");
    }
    this.encryption = encryption.clone();
    this.id = id.clone();
  }

  public static MasterKey random() {
    SecureRandom random = new SecureRandom();
    byte[] e = new byte[32];
    byte[] i = new byte[32];
    random.nextBytes(e);
    random.nextBytes(i);
    return new MasterKey(e, i);
  }

  public byte[] encryption() {
    return encryption.clone();
  }

  public byte[] id() {
    return id.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MasterKey k && Arrays.equals(encryption, k.encryption) && Arrays.equals(id, k.id);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(id);
  }

  @Override
  public String toString() {
    return "MasterKey[hidden]";
  }
}
