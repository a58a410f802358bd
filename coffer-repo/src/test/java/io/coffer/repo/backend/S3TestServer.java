package io.coffer.repo.backend;

import java.net.URI;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (s3proxy, in memory) on a random loopback port, for tests of this and
 * other modules. {@link #start()} also sets the {@code aws.accessKeyId}/{@code aws.secretAccessKey}
 * system properties, which the AWS default credential chain reads, so code that builds its own client
 * (as the CLI does) authenticates without any secret on a command line.
 */
public final class S3TestServer implements AutoCloseable {

  public static final String BUCKET = "coffer-test";
  static final String ACCESS_KEY = "test-access-key";
  static final String SECRET_KEY = "test-secret-key-not-for-logs";
  private final AtomicInteger prefixes = new AtomicInteger();
  private S3Proxy proxy;
  private URI endpoint;
  private S3Client client;

  public static S3TestServer start() throws Exception {
    S3TestServer s = new S3TestServer();
    s.proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("transient", new Properties()))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    s.proxy.start();
    s.endpoint = URI.create("http://127.0.0.1:" + s.proxy.getPort());
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
    s.client =
        S3ClientFactory.create(
            new S3Location(BUCKET, "unused", Optional.of(s.endpoint), S3Options.DEFAULT_REGION, true),
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    s.client.createBucket(b -> b.bucket(BUCKET));
    return s;
  }

  public S3Client client() {
    return client;
  }

  public StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Options that reach this server: its endpoint, path-style addressing. */
  public S3Options options() {
    return new S3Options(Optional.of(endpoint), S3Options.DEFAULT_REGION, true);
  }

  /** A location with a prefix no other caller has used. */
  public String freshLocation() {
    return "s3://" + BUCKET + "/volume-" + prefixes.incrementAndGet();
  }

  /** A backend on a fresh prefix, sharing this server's client. */
  public Backend newBackend() {
    S3Location l = S3Location.parse(freshLocation(), options());
    return new S3Backend(client, l, S3Backend.DEFAULT_PART_SIZE);
  }

  @Override
  public void close() throws Exception {
    client.close();
    proxy.stop();
  }
}
