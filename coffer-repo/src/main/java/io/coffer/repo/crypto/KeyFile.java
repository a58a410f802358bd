package io.coffer.repo.crypto;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.coffer.repo.CorruptDataException;
import io.coffer.model.Host;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;

/**
 * A key file: the master key sealed under a key derived from one passphrase (format in
 * docs/repository-format.md, "Keys"). Passphrase bytes are wiped after use.
 */
public final class KeyFile {

  private static final ObjectMapper JSON =
      new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          // Fields a later version adds must not lock older readers out of the volume.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** What a key file says about itself, for {@code key list}. */
  public record Info(String created, String host, String user, KdfParams kdf) {}

  record Stored(String created, String host, String user, KdfParams kdf, byte[] masterKey) {}

  record Plain(byte[] encryption, byte[] id) {}

  private KeyFile() {}

  /** Seals {@code key} under {@code passphrase} (ignored for {@link KdfParams#none()}). */
  public static byte[] create(MasterKey key, char[] passphrase, KdfParams params) {
    try {
      byte[] plain = JSON.writeValueAsBytes(new Plain(key.encryption(), key.id()));
      KdfParams kdf = params;
      byte[] sealed;
      if (KdfParams.NONE.equals(params.algorithm())) {
        sealed = plain;
      } else {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        kdf = params.withSalt(salt);
        sealed = new AesGcmSealer(derive(passphrase, kdf)).seal(plain);
        Arrays.fill(plain, (byte) 0);
      }
      Stored s = new Stored(Instant.now().toString(), Host.name(), Host.user(), kdf, sealed);
      return JSON.writeValueAsBytes(s);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode key file", e);
    }
  }

  /**
   * Opens a key file. Returns null when the passphrase does not open it (the caller tries the next
   * key file and reports a wrong passphrase when none opens).
   */
  public static MasterKey open(byte[] file, char[] passphrase) {
    Stored s = parse(file);
    byte[] plain;
    if (KdfParams.NONE.equals(s.kdf().algorithm())) {
      plain = s.masterKey();
    } else {
      try {
        plain = new AesGcmSealer(derive(passphrase, s.kdf())).open(s.masterKey());
      } catch (CorruptDataException wrongKey) {
        return null;
      }
    }
    try {
      Plain p = JSON.readValue(plain, Plain.class);
      return new MasterKey(p.encryption(), p.id());
    } catch (IOException | IllegalArgumentException e) {
      throw new CorruptDataException("key file content is not a master key", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  public static Info info(byte[] file) {
    Stored s = parse(file);
    KdfParams k = s.kdf();
    return new Info(s.created(), s.host(), s.user(), new KdfParams(k.algorithm(), k.memoryKiB(), k.iterations(), k.parallelism(), null));
  }

  /** True when the key file holds its master key without a passphrase. */
  public static boolean isUnprotected(byte[] file) {
    return KdfParams.NONE.equals(parse(file).kdf().algorithm());
  }

  private static Stored parse(byte[] file) {
    try {
      Stored s = JSON.readValue(file, Stored.class);
      if (s.kdf() == null || s.masterKey() == null) {
        throw new CorruptDataException("key file lacks kdf or masterKey");
      }
      return s;
    } catch (IOException e) {
      throw new CorruptDataException("key file is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** The key-encryption key: Argon2id version 0x13 over the passphrase's UTF-8 bytes, 32 bytes. */
  static byte[] derive(char[] passphrase, KdfParams kdf) {
    if (!KdfParams.ARGON2ID.equals(kdf.algorithm())) {
      throw new CorruptDataException("unknown key derivation '" + kdf.algorithm() + "'; accepted: argon2id, none");
    }
    return Argon2id.derive(passphrase, kdf.salt(), kdf.memoryKiB(), kdf.iterations(), kdf.parallelism(), 32);
  }
}
