package io.coffer.repo.crypto;

import io.coffer.repo.BlobId;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes blob ids as HMAC-SHA256 under the volume's id key, truncated to the volume format's id
 * length (format 2: the first 16 bytes, as HMAC-SHA-256-128). Thread-safe: one context per thread.
 * OpenSSL's libcrypto computes it where it is bound ({@link OpenSslHmac}), the JDK's Mac elsewhere;
 * both use the CPU's SHA instructions (~1.4–1.7 GB/s here), which is why HMAC-SHA256 and not a Java
 * BLAKE implementation.
 */
public final class IdHasher {

  private final SecretKeySpec key;
  private final int idLength;
  private final ThreadLocal<Mac> macs;
  /** Null where libcrypto is not bound. */
  private final OpenSslHmac libcrypto;

  /** Ids of format 1: the whole 32-byte HMAC. */
  public IdHasher(MasterKey masterKey) {
    this(masterKey, BlobId.MAX_LENGTH);
  }

  /** Ids of {@code idLength} bytes: the HMAC's first bytes. */
  public IdHasher(MasterKey masterKey, int idLength) {
    this.key = new SecretKeySpec(masterKey.id(), "HmacSHA256");
    this.idLength = idLength;
    this.macs = ThreadLocal.withInitial(this::newMac);
    this.libcrypto = OpenSslHmac.available() ? new OpenSslHmac(masterKey.id()) : null;
  }

  public BlobId hash(byte[] data, int offset, int length) {
    if (libcrypto != null) {
      return BlobId.of(libcrypto.mac(data, offset, length), 0, idLength);
    }
    Mac mac = macs.get();
    mac.update(data, offset, length);
    return BlobId.of(mac.doFinal(), 0, idLength);
  }

  /** The id of {@code length} bytes of the direct buffer {@code data} at {@code offset} (position and limit untouched). */
  public BlobId hash(java.nio.ByteBuffer data, int offset, int length) {
    if (libcrypto != null) {
      return BlobId.of(libcrypto.mac(data, offset, length), 0, idLength);
    }
    Mac mac = macs.get();
    mac.update(data.duplicate().clear().limit(offset + length).position(offset));
    return BlobId.of(mac.doFinal(), 0, idLength);
  }

  public BlobId hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  /** The raw HMAC of {@code data}, used to derive the chunker's gear table. */
  public byte[] mac(byte[] data) {
    return libcrypto != null ? libcrypto.mac(data, 0, data.length) : macs.get().doFinal(data);
  }

  /** Whether libcrypto computes the MACs here rather than the JDK. */
  public static boolean inLibcrypto() {
    return OpenSslHmac.available();
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
