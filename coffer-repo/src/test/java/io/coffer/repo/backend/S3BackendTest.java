package io.coffer.repo.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** Runs the conformance suite against an in-process S3 server; each test gets its own prefix. */
class S3BackendTest extends BackendConformance {

  private static final String BUCKET = S3TestServer.BUCKET;
  private static final int MIB = 1024 * 1024;
  private static final AtomicInteger volumes = new AtomicInteger();

  private static S3TestServer server;
  private static URI endpoint;
  private static S3Client client;
  private static StaticCredentialsProvider CREDENTIALS;

  @BeforeAll
  static void startS3() throws Exception {
    server = S3TestServer.start();
    endpoint = server.endpoint();
    client = server.client();
    CREDENTIALS = server.credentials();
  }

  @AfterAll
  static void stopS3() throws Exception {
    server.close();
  }

  @Override
  protected Backend newBackend() {
    return new S3Backend(client, freshLocation(), S3Backend.DEFAULT_PART_SIZE);
  }

  @Test
  void save_largerThanThePartSize_usesMultipartUpload() throws Exception {
    S3Location location = freshLocation();
    try (S3Backend small = new S3Backend(client, location, 5 * MIB)) {
      Handle handle = pack();
      byte[] data = bytes(2 * 5 * MIB + 123);

      small.save(handle, data);

      assertThat(small.load(handle)).isEqualTo(data);
      assertThat(small.stat(handle)).isEqualTo(data.length);
      // A multipart object's ETag ends in -<number of parts>.
      String eTag = client.headObject(r -> r.bucket(BUCKET).key(location.key(handle))).eTag();
      assertThat(eTag.replace("\"", "")).endsWith("-3");
    }
  }

  @Test
  void save_whenAPartFails_abortsTheUpload() throws Exception {
    ExecutionInterceptor failSecondPart = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof UploadPartRequest part && part.partNumber() == 2) {
          throw SdkClientException.create("injected part failure");
        }
      }
    };
    S3Location location = freshLocation();
    try (S3Client failing = S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(CREDENTIALS)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(c -> c.addExecutionInterceptor(failSecondPart))
            .build();
        S3Backend backend = new S3Backend(failing, location, 1024)) {
      Handle handle = pack();

      assertThatThrownBy(() -> backend.save(handle, bytes(3000)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("UploadPart 2")
          .hasMessageContaining(location.key(handle));

      assertThat(client.listMultipartUploads(r -> r.bucket(BUCKET)).uploads())
          .noneMatch(u -> u.key().equals(location.key(handle)));
      assertThatThrownBy(() -> backend.stat(handle)).isInstanceOf(NoSuchFileException.class);
    }
  }

  @Test
  void volumesUnderDifferentPrefixes_doNotSeeEachOther() throws Exception {
    try (S3Backend other = new S3Backend(client, freshLocation(), S3Backend.DEFAULT_PART_SIZE)) {
      other.save(pack(), bytes(10));
      other.save(Handle.CONFIG, bytes(10));

      assertThat(backend.list(FileType.PACK)).isEmpty();
      assertThat(backend.exists()).isFalse();
    }
  }

  @Test
  void location_isTheBucketAndPrefix_withoutCredentialsOrEndpoint() {
    S3Location location = freshLocation();
    try (S3Backend s3 = new S3Backend(client, location, S3Backend.DEFAULT_PART_SIZE)) {
      assertThat(s3.location()).isEqualTo("s3://" + BUCKET + "/" + location.prefix());
      assertThat(s3.location())
          .doesNotContain(S3TestServer.SECRET_KEY)
          .doesNotContain(S3TestServer.ACCESS_KEY)
          .doesNotContain(String.valueOf(endpoint.getPort()));
    }
  }

  @Test
  void missingBucket_failsNamingTheOperationKeyAndStatus_notAsAMissingFile() {
    S3Location nowhere =
        new S3Location("no-such-bucket", "volume", Optional.of(endpoint), "us-east-1", true);
    try (S3Backend s3 = new S3Backend(client, nowhere, S3Backend.DEFAULT_PART_SIZE)) {
      assertThatThrownBy(() -> s3.load(Handle.CONFIG))
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(NoSuchFileException.class)
          .hasMessageContaining("GetObject")
          .hasMessageContaining("s3://no-such-bucket/volume/config")
          .hasMessageContaining("404")
          .hasMessageNotContaining(S3TestServer.SECRET_KEY);
    }
  }

  private static S3Location freshLocation() {
    return location("volumes/v" + volumes.incrementAndGet());
  }

  private static S3Location location(String prefix) {
    return new S3Location(BUCKET, prefix, Optional.of(endpoint), "us-east-1", true);
  }
}
