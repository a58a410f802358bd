package io.coffer.repo.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackendsTest {

  @TempDir Path temp;

  @Test
  void open_path_isALocalBackend() throws Exception {
    try (Backend backend = Backends.open(temp.resolve("volume").toString(), S3Options.DEFAULT)) {
      assertThat(backend).isInstanceOf(LocalBackend.class);
      assertThat(backend.location()).isEqualTo(temp.resolve("volume").toString());
    }
  }

  @Test
  void open_s3_isARetryingS3Backend_withoutContactingTheService() throws Exception {
    S3Options options =
        new S3Options(Optional.of(URI.create("http://127.0.0.1:9")), "eu-west-1", true);

    try (Backend backend = Backends.open("s3://my-bucket/team/volume/", options)) {
      assertThat(backend).isInstanceOf(RetryingBackend.class);
      assertThat(backend.location()).isEqualTo("s3://my-bucket/team/volume");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ftp://x | location 'ftp://x' is not accepted: use a path or s3://bucket/prefix",
        "'' | location '' is not accepted: it is empty; use a path or s3://bucket/prefix",
        "s3:// | location 's3://' is not accepted: the bucket is missing;"
            + " use s3://bucket/prefix",
        "s3:///prefix | location 's3:///prefix' is not accepted: the bucket is missing;"
            + " use s3://bucket/prefix",
        "s3://My_Bucket/p | S3 bucket 'My_Bucket' is not accepted: use 3–63 lower-case letters,"
            + " digits, dots and hyphens, starting and ending with a letter or digit",
        "s3://bucket/a//c | S3 prefix 'a//c' is not accepted: use folder names separated by"
            + " single '/', without a leading or trailing '/'",
      })
  void open_badInput_isRejectedNamingTheValueAndWhatIsAccepted(String location, String message) {
    assertThatThrownBy(() -> Backends.open(location, S3Options.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void open_locationWithCredentials_isRejectedWithoutRepeatingThem() {
    assertThatThrownBy(() -> Backends.open("s3://AKIAKEY:topsecret@bucket/p", S3Options.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not contain credentials")
        .hasMessageNotContaining("topsecret")
        .hasMessageNotContaining("AKIAKEY");
    assertThatThrownBy(() -> Backends.open("sftp://user:topsecret@host/p", S3Options.DEFAULT))
        .hasMessage(
            "location 'sftp://***@host/p' is not accepted: use a path or s3://bucket/prefix");
  }

  @Test
  void open_endpointWithCredentials_isRejectedWithoutRepeatingThem() {
    S3Options options =
        new S3Options(
            Optional.of(URI.create("https://key:topsecret@minio:9000")), "us-east-1", true);

    assertThatThrownBy(() -> Backends.open("s3://bucket/p", options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("topsecret");
  }
}
