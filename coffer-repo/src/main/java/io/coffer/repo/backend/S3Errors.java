package io.coffer.repo.backend;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Maps the SDK's unchecked exceptions to the IOExceptions the {@link Backend} contract promises,
 * with a message naming the operation, the object and the HTTP status.
 */
final class S3Errors {

  private S3Errors() {}

  static int status(SdkException e) {
    return e instanceof AwsServiceException service ? service.statusCode() : 0;
  }

  static IOException map(String operation, String object, SdkException e) {
    if (isMissingObject(e)) {
      NoSuchFileException missing =
          new NoSuchFileException(object, null, operation + ": not found");
      missing.initCause(e);
      return missing;
    }
    if (e instanceof AwsServiceException service) {
      AwsErrorDetails details = service.awsErrorDetails();
      String code = details == null || details.errorCode() == null ? "" : details.errorCode();
      String message =
          details == null || details.errorMessage() == null ? "" : details.errorMessage();
      return new IOException(
          "S3 " + operation + " of " + object + " failed with status " + service.statusCode()
              + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message),
          e);
    }
    return new IOException(
        "S3 " + operation + " of " + object + " failed without a response: " + e.getMessage(), e);
  }

  /**
   * A 404 means the object is missing, except when the bucket itself is: that is a wrong location
   * or a deleted volume, not a missing file. HEAD responses have no body, so their 404s carry no
   * error code and are taken as a missing object.
   */
  private static boolean isMissingObject(SdkException e) {
    if (e instanceof NoSuchKeyException) {
      return true;
    }
    if (!(e instanceof AwsServiceException service) || service.statusCode() != 404) {
      return false;
    }
    AwsErrorDetails details = service.awsErrorDetails();
    return details == null || !"NoSuchBucket".equals(details.errorCode());
  }
}
