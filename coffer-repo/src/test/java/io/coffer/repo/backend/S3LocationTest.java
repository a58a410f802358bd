package io.coffer.repo.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3LocationTest {

  @Test
  void parse_bucketAndPrefix_withDefaults() {
    S3Location location = S3Location.parse("s3://bucket/some/prefix");

    assertThat(location)
        .isEqualTo(new S3Location("bucket", "some/prefix", Optional.empty(), "us-east-1", false));
    assertThat(location.uri()).isEqualTo("s3://bucket/some/prefix");
    assertThat(location.key(new Handle(FileType.PACK, "abcd")))
        .isEqualTo("some/prefix/data/ab/abcd");
    assertThat(location.key(Handle.CONFIG)).isEqualTo("some/prefix/config");
  }

  @Test
  void parse_bucketAlone_putsTheVolumeAtTheBucketRoot() {
    for (String text : new String[] {"s3://bucket", "s3://bucket/", "S3://bucket//"}) {
      S3Location location = S3Location.parse(text);

      assertThat(location.prefix()).isEmpty();
      assertThat(location.uri()).isEqualTo("s3://bucket");
      assertThat(location.key(Handle.CONFIG)).isEqualTo("config");
    }
  }
}
