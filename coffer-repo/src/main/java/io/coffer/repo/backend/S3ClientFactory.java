package io.coffer.repo.backend;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Builds the S3 client of an {@link S3Location}, with the settings every Coffer client shares. */
final class S3ClientFactory {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

  private S3ClientFactory() {}

  /** A client with credentials from the standard AWS chain: environment, profile, instance role. */
  static S3Client create(S3Location location) {
    return create(location, DefaultCredentialsProvider.builder().build());
  }

  static S3Client create(S3Location location, AwsCredentialsProvider credentials) {
    return S3Client.builder()
        .region(Region.of(location.region()))
        .credentialsProvider(credentials)
        // Named explicitly: the SDK refuses to pick one when several HTTP clients are on the path.
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT))
        .serviceConfiguration(
            S3Configuration.builder()
                .pathStyleAccessEnabled(location.pathStyle())
                // Bodies are in memory, so signing a whole one costs only a SHA-256 pass. The
                // default aws-chunked encoding over plain HTTP is mishandled by some S3-compatible
                // servers: s3proxy answers before reading the final chunk and resets the
                // connection.
                .chunkedEncodingEnabled(false)
                .build())
        // The SDK's default trailing CRC checksums use aws-chunked uploads that several
        // S3-compatible services reject; S3Backend sends Content-MD5 instead, which all accept.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        // Retries are RetryingBackend's job; two layers would multiply the attempts and the waits.
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .applyMutation(b -> location.endpoint().ifPresent(b::endpointOverride))
        .build();
  }
}
