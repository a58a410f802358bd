package io.coffer.cli.remote;

import io.coffer.cli.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which server certificates the command line trusts: the system's CAs, the certificates of a PEM
 * file ({@code --ca-file}), or exactly one certificate named by its SHA-256 fingerprint
 * ({@code --server-fingerprint}). Never everything: a server that is not trusted ends the command.
 */
final class ServerTrust {

  private ServerTrust() {}

  /** Trusts the certificates in {@code file} (a self-signed server's own, or a CA's), with host name checks. */
  static SSLContext caFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("server-" + i++, cert);
      }
      if (i == 0) {
        throw new UserException("--ca-file " + file + " holds no certificate; accepted: a PEM certificate");
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      return context(factory.getTrustManagers());
    } catch (IOException | GeneralSecurityException e) {
      throw new UserException("--ca-file " + file + " cannot be read as a PEM certificate: " + e.getMessage());
    }
  }

  /**
   * Trusts the one certificate whose SHA-256 is {@code fingerprint} ({@code SHA256:AB:CD:…} as {@code
   * coffer server} prints it, with or without the prefix and colons). The pin names the certificate
   * itself, so no host name or expiry is checked: a self-signed server reached by any name works.
   */
  static SSLContext pinned(String fingerprint) {
    String expected = normalized(fingerprint);
    if (!expected.matches("[0-9A-F]{64}")) {
      throw new UserException("--server-fingerprint \"" + fingerprint + "\" is not valid; accepted: the SHA-256"
          + " fingerprint coffer server prints, e.g. SHA256:AB:CD:… (64 hexadecimal digits)");
    }
    return context(new TrustManager[] {new Pinned(expected)});
  }

  /** {@code SHA256:AB:CD:…} of a certificate, as {@code coffer server} prints it. */
  static String fingerprint(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return "SHA256:" + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String normalized(String fingerprint) {
    return fingerprint.strip().toUpperCase(Locale.ROOT).replaceFirst("^SHA-?256:?", "").replace(":", "");
  }

  private static SSLContext context(TrustManager[] managers) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, managers, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Accepts the pinned certificate only. An extended trust manager, so that the JDK does not add its
   * host name check on top: the pin is the check.
   */
  private static final class Pinned extends X509ExtendedTrustManager {
    private final String expected;

    Pinned(String expected) {
      this.expected = expected;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("the server presented no certificate");
      }
      String presented = fingerprint(chain[0]);
      if (!normalized(presented).equals(expected)) {
        throw new CertificateException("the server presented the certificate " + presented
            + ", not the one --server-fingerprint pins");
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("a client trusts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a client trusts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a client trusts no clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
