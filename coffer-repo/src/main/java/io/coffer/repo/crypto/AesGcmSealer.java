package io.coffer.repo.crypto;

import io.coffer.repo.CorruptDataException;
import java.security.SecureRandom;

/**
 * AES-256-GCM in 16 KiB pieces: {@code nonce ‖ (ciphertext ‖ tag) per piece}.
 *
 * <p>Why pieces: JDK 17 runs GCM's GHASH through a CPU intrinsic only when the calling code is C2
 * compiled, which happens after some thousands of calls. With 1 MiB calls a backup makes a few
 * hundred calls per GB and stays on the pure-Java path at 30–60 MB/s; with 16 KiB calls it reaches
 * 2–3 GB/s after the first tens of MB (measured in docs/benchmarks.md). The tag overhead is 0.1%.
 * (Where libcrypto is bound, {@link OpenSslGcm} does the pieces' cryptography at full speed from the
 * start; the layout is the same.)
 *
 * <p>Piece i uses the nonce with its last four bytes XORed with i, and authenticates one byte of AAD
 * that is 1 on the last piece and 0 otherwise: pieces cannot be reordered, dropped from the end or
 * moved between sealed units without failing authentication. The random 96-bit nonce per unit keeps
 * collisions negligible far beyond any volume's size.
 */
final class AesGcmSealer implements Sealer {

  static final int PIECE = 16 * 1024;
  private static final int NONCE = 12;
  private static final int TAG = GcmPieces.TAG;
  private static final byte[] MIDDLE = {0};
  private static final byte[] LAST = {1};

  private final GcmPieces gcm;
  private final SecureRandom random = new SecureRandom();

  AesGcmSealer(byte[] key) {
    this(GcmPieces.of(key));
  }

  AesGcmSealer(GcmPieces gcm) {
    this.gcm = gcm;
  }

  @Override
  public byte[] seal(byte[] plain, int offset, int length) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    return seal(plain, offset, length, nonce);
  }

  /** Seals under a given nonce; only known-answer tests choose one (a nonce must never repeat). */
  byte[] seal(byte[] plain, int offset, int length, byte[] nonce) {
    if (nonce.length != NONCE) {
      throw new IllegalArgumentException("nonce must be " + NONCE + " bytes, got " + nonce.length);
    }
    int pieces = Math.max(1, (length + PIECE - 1) / PIECE);
    byte[] out = new byte[NONCE + length + pieces * TAG];
    System.arraycopy(nonce, 0, out, 0, NONCE);
    int in = offset;
    int at = NONCE;
    for (int i = 0; i < pieces; i++) {
      int n = Math.min(PIECE, offset + length - in);
      at += gcm.seal(pieceNonce(nonce, i), i == pieces - 1 ? LAST : MIDDLE, plain, in, n, out, at);
      in += n;
    }
    return out;
  }

  @Override
  public byte[] open(byte[] sealed, int offset, int length) {
    byte[] out = new byte[plainLength(length)];
    open(sealed, offset, length, out);
    return out;
  }

  @Override
  public int open(byte[] sealed, int offset, int length, byte[] into) {
    int plainLength = plainLength(length);
    if (into.length < plainLength) {
      throw new IllegalArgumentException("an array of " + into.length + " bytes cannot hold " + plainLength);
    }
    int pieces = pieces(length);
    byte[] nonce = new byte[NONCE];
    System.arraycopy(sealed, offset, nonce, 0, NONCE);
    int in = offset + NONCE;
    int at = 0;
    for (int i = 0; i < pieces; i++) {
      int n = Math.min(PIECE + TAG, offset + length - in);
      at += gcm.open(pieceNonce(nonce, i), i == pieces - 1 ? LAST : MIDDLE, sealed, in, n, into, at);
      in += n;
    }
    return plainLength;
  }

  /**
   * Where libcrypto decrypts, the pieces go from one direct buffer to the other with no copies;
   * elsewhere through arrays (Sealer's default).
   */
  @Override
  public int open(java.nio.ByteBuffer sealed, int length, java.nio.ByteBuffer into) {
    if (!(gcm instanceof OpenSslGcm libcrypto)) {
      return Sealer.super.open(sealed, length, into);
    }
    int plainLength = plainLength(length);
    if (sealed.limit() < length || into.limit() < plainLength) {
      throw new IllegalArgumentException("buffers of " + sealed.limit() + " and " + into.limit()
          + " bytes cannot open " + length + " sealed bytes");
    }
    int pieces = pieces(length);
    byte[] nonce = new byte[NONCE];
    sealed.get(0, nonce);
    int in = NONCE;
    int at = 0;
    for (int i = 0; i < pieces; i++) {
      int n = Math.min(PIECE + TAG, length - in);
      at += libcrypto.open(pieceNonce(nonce, i), i == pieces - 1 ? LAST : MIDDLE, sealed, in, n, into, at);
      in += n;
    }
    return plainLength;
  }

  @Override
  public boolean opensInNativeMemory() {
    return gcm instanceof OpenSslGcm;
  }

  /** The plaintext's length of a sealed piece of {@code length} bytes; refuses impossible lengths. */
  private static int plainLength(int length) {
    if (length < NONCE + TAG) {
      throw new CorruptDataException("sealed piece too short: " + length + " bytes");
    }
    int plainLength = length - NONCE - pieces(length) * TAG;
    if (plainLength < 0) {
      throw new CorruptDataException("sealed piece has an impossible length " + length);
    }
    return plainLength;
  }

  private static int pieces(int length) {
    return (length - NONCE + PIECE + TAG - 1) / (PIECE + TAG);
  }

  private static byte[] pieceNonce(byte[] nonce, int i) {
    byte[] n = nonce.clone();
    n[8] ^= (byte) (i >>> 24);
    n[9] ^= (byte) (i >>> 16);
    n[10] ^= (byte) (i >>> 8);
    n[11] ^= (byte) i;
    return n;
  }
}
