package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.access.Role;
import io.coffer.server.tls.ServerCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS by default: a self-signed certificate made on first start, trusted by its fingerprint; no plain HTTP. */
class TlsTest {

  @TempDir static Path home;
  static ServerFixture fixture;
  static ServerCertificate made;

  @BeforeAll
  static void start() throws Exception {
    // The certificate the server makes on its first start, trusted by the client as an operator would pin it.
    made = ServerCertificate.selfSigned(home.resolve("home").resolve("server"));
    fixture = new ServerFixture(home, s -> ServerSettings.defaults(s.stateDirectory()).listen("127.0.0.1:0"),
        HttpClient.newBuilder().sslContext(trusting(made)).connectTimeout(Duration.ofSeconds(30)).build());
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void theServer_presentsTheCertificateOfItsStateDirectory_overTls() {
    assertThat(fixture.server.uri().getScheme()).isEqualTo("https");
    assertThat(fixture.server.certificate()).get().extracting(ServerCertificate::fingerprint)
        .isEqualTo(made.fingerprint());
    assertThat(made.fingerprint()).matches("SHA256(:[0-9A-F]{2}){32}");

    HttpResponse<String> response = fixture.get(Role.VIEWER, "/api/v1/me");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
  }

  @Test
  void theKey_isReadableByItsOwnerOnly_andASecondStartReusesIt() throws Exception {
    Path key = home.resolve("home").resolve("server").resolve("server-key.pem");

    assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE);
    ServerCertificate again = ServerCertificate.selfSigned(key.getParent());
    assertThat(again.generated()).isFalse();
    assertThat(again.fingerprint()).isEqualTo(made.fingerprint());
  }

  @Test
  void aClientThatDoesNotTrustTheCertificate_isRefused_andPlainHttpGetsNoAnswer() throws Exception {
    HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    URI https = fixture.uri("/api/v1/health");
    assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(https).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);

    URI plain = URI.create("http://" + https.getAuthority() + "/api/v1/health");
    try {
      HttpResponse<String> answer = untrusting.send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(60))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as("plain HTTP on the TLS port").isEqualTo(400);
      assertThat(answer.body()).doesNotContain("catalog");
    } catch (IOException refused) {
      assertThat(refused).as("plain HTTP on the TLS port is dropped").isNotNull();
    }
  }

  @Test
  void aPemCertificateAndKey_areServedAsGiven() throws Exception {
    Path other = Files.createDirectories(home.resolve("other"));
    ServerCertificate pem = ServerCertificate.selfSigned(other);
    Path stateless = Files.createDirectories(home.resolve("empty-state"));
    try (ApiServer server = ApiServer.start(fixture.coffer, ServerSettings.defaults(stateless).listen("127.0.0.1:0")
        .pem(other.resolve("server-cert.pem"), other.resolve("server-key.pem")))) {
      HttpClient client = HttpClient.newBuilder().sslContext(trusting(pem)).build();
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port()
          + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(server.certificate().get().fingerprint()).isEqualTo(pem.fingerprint());
      assertThat(Files.exists(stateless.resolve("server"))).as("no certificate made when one is given").isFalse();
    }
  }

  @Test
  void badSettings_areRefusedNamingTheOption() {
    ServerSettings defaults = ServerSettings.defaults(home);
    assertThatThrownBy(() -> defaults.listen("8443")).isInstanceOf(CatalogValidationException.class)
        .hasMessageStartingWith("listen \"8443\" is not valid; accepted: HOST:PORT");
    assertThatThrownBy(() -> defaults.listen("127.0.0.1:70000")).isInstanceOf(CatalogValidationException.class);
    assertThatThrownBy(() -> defaults.insecure().pem(home.resolve("c.pem"), home.resolve("k.pem")))
        .isInstanceOf(CatalogValidationException.class).hasMessageStartingWith("insecure-http");
    assertThat(defaults.insecure().host()).isEqualTo("127.0.0.1");
    assertThat(defaults.insecure().loopback()).isTrue();
  }

  static SSLContext trusting(ServerCertificate certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("coffer", certificate.certificate());
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
