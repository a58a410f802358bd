package io.coffer.repo.crypto;

import io.coffer.repo.BlobId;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes blob ids as HMAC-SHA256 under the volume's id key. Thread-safe: one Mac per thread. The
 * JDK's SHA-256 uses the SHA-NI instructions here (~1.4 GB/s), which is why HMAC-SHA256 and not a
 * Java BLAKE implementation.
 */
public final class IdHasher {

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  public IdHasher(MasterKey masterKey) {
    this(masterKey.id());
  }

  IdHasher(byte[] idKey) {
    this.key = new SecretKeySpec(idKey, "HmacSHA256");
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  public BlobId hash(byte[] data, int offset, int length) {
    Mac mac = macs.get();
    mac.update(data, offset, length);
    return BlobId.of(mac.doFinal());
  }

  public BlobId hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  /** The raw HMAC of {@code data}, used to derive the chunker's gear table. */
  public byte[] mac(byte[] data) {
    return macs.get().doFinal(data);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
