package io.coffer.server.tls;

import io.coffer.engine.EngineException;
import io.coffer.model.Host;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * The key and certificate chain the server presents, as an in-memory keystore, with the SHA-256
 * fingerprint of the certificate that clients pin or compare.
 */
public final class ServerCertificate {

  static final String ALIAS = "coffer";
  /** Only guards the in-memory keystore handed to Jetty; the key on disk is protected by its file mode. */
  private static final char[] MEMORY_PASSWORD = "in-memory".toCharArray();

  private final KeyStore keyStore;
  private final char[] password;
  private final X509Certificate certificate;
  private final boolean generated;

  private ServerCertificate(KeyStore keyStore, char[] password, X509Certificate certificate, boolean generated) {
    this.keyStore = keyStore;
    this.password = password;
    this.certificate = certificate;
    this.generated = generated;
  }

  public KeyStore keyStore() {
    return keyStore;
  }

  public char[] password() {
    return password.clone();
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** Whether this start made the certificate (the first start without one). */
  public boolean generated() {
    return generated;
  }

  /** {@code SHA256:AB:CD:…}, as {@code openssl x509 -fingerprint -sha256} prints it. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return "SHA256:" + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** A PEM certificate (chain) and its PEM private key (PKCS#8, or the PKCS#1/SEC1 forms OpenSSL writes). */
  public static ServerCertificate fromPem(Path certificateFile, Path keyFile) {
    try {
      List<X509Certificate> chain = new ArrayList<>();
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      try (Reader reader = Files.newBufferedReader(certificateFile, StandardCharsets.US_ASCII);
          PEMParser pem = new PEMParser(reader)) {
        for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
          if (item instanceof X509CertificateHolder holder) {
            chain.add(converter.getCertificate(holder));
          }
        }
      }
      if (chain.isEmpty()) {
        throw new EngineException("tls-certificate " + certificateFile + " holds no PEM certificate;"
            + " accepted: a file with -----BEGIN CERTIFICATE-----");
      }
      PrivateKey key;
      try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
          PEMParser pem = new PEMParser(reader)) {
        Object item = pem.readObject();
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        if (item instanceof PEMKeyPair pair) {
          key = keys.getPrivateKey(pair.getPrivateKeyInfo());
        } else if (item instanceof PrivateKeyInfo info) {
          key = keys.getPrivateKey(info);
        } else {
          throw new EngineException("tls-key " + keyFile + " holds no unencrypted PEM private key;"
              + " accepted: -----BEGIN PRIVATE KEY----- (PKCS#8), RSA or EC PRIVATE KEY");
        }
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
      return new ServerCertificate(store, MEMORY_PASSWORD, chain.get(0), false);
    } catch (IOException | GeneralSecurityException e) {
      throw new EngineException("cannot read the TLS certificate " + certificateFile + " and key " + keyFile + ": "
          + e.getMessage(), e);
    }
  }

  /** A PKCS12 keystore whose first key entry is the server's, opened with {@code password}. */
  public static ServerCertificate fromPkcs12(Path file, char[] password) {
    try (var in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      for (String alias : java.util.Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          return new ServerCertificate(store, password.clone(), (X509Certificate) store.getCertificate(alias), false);
        }
      }
      throw new EngineException("tls-keystore " + file + " holds no private key entry; accepted: a PKCS12 file with"
          + " the server's key and certificate");
    } catch (IOException | GeneralSecurityException e) {
      throw new EngineException("cannot open the TLS keystore " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The certificate kept in {@code directory} ({@code server-cert.pem}, {@code server-key.pem}),
   * made there first when it is missing: an EC P-256 key and a self-signed certificate for this
   * host's name, {@code localhost} and the loopback addresses, valid for 825 days.
   */
  public static ServerCertificate selfSigned(Path directory) {
    Path cert = directory.resolve("server-cert.pem");
    Path key = directory.resolve("server-key.pem");
    if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
      return fromPem(cert, key);
    }
    try {
      Files.createDirectories(directory);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      String host = Host.name();
      X500Name subject = new X500Name("CN=" + host + ",O=Coffer self-signed");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
          new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(825))), subject, pair.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, host),
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()),
          new GeneralName(GeneralName.iPAddress, "::1")}));
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      writePem(key, new JcaPKCS8Generator(pair.getPrivate(), null), true);
      writePem(cert, certificate, false);
      ServerCertificate made = fromPem(cert, key);
      return new ServerCertificate(made.keyStore, made.password, made.certificate, true);
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new EngineException("cannot make a self-signed TLS certificate in " + directory + ": " + e.getMessage(), e);
    }
  }

  private static void writePem(Path file, Object item, boolean secret) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(temporary);
    }
    try (var writer = Files.newBufferedWriter(temporary, StandardCharsets.US_ASCII);
        JcaPEMWriter pem = new JcaPEMWriter(writer)) {
      pem.writeObject(item);
    }
    Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
