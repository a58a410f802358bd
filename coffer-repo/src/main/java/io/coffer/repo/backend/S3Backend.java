package io.coffer.repo.backend;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A volume in an S3 bucket (AWS or any S3-compatible service): each file is the object {@code
 * prefix/handle.path()}.
 *
 * <p>Design: S3 makes an object visible whole or not at all, so {@link #save} needs no temporary
 * name. Files up to the part size go in one PutObject; larger ones in a multipart upload, which is
 * aborted on failure so that no invisible parts are left to be billed. Every upload carries
 * Content-MD5, so the service rejects a body damaged on the way. The client is thread-safe and so
 * is this class; it keeps no other state. It does not retry (nor does its client): wrap it in a
 * {@link RetryingBackend}, as {@link Backends#open} does.
 */
public final class S3Backend implements Backend {

  /** Above this size a file is uploaded in parts of this size. */
  public static final int DEFAULT_PART_SIZE = 32 * 1024 * 1024;

  private final S3Client client;
  private final boolean ownsClient;
  private final S3Location location;
  private final int partSize;

  /**
   * A backend on a client the caller built and closes itself; only the bucket and prefix of {@code
   * location} are used. Files larger than {@code partSize} are uploaded in parts of that size (AWS
   * and s3proxy want at least 5 MiB per part but the last; smaller parts fail on completion).
   */
  public S3Backend(S3Client client, S3Location location, int partSize) {
    this(client, false, location, partSize);
  }

  private S3Backend(S3Client client, boolean ownsClient, S3Location location, int partSize) {
    if (partSize < 1) {
      throw new IllegalArgumentException("S3 part size must be ≥ 1 byte, got " + partSize);
    }
    this.client = client;
    this.ownsClient = ownsClient;
    this.location = location;
    this.partSize = partSize;
  }

  /**
   * A backend with its own client, credentials from the standard AWS chain (environment variables,
   * profile, instance role) and the default part size. {@link #close} closes the client.
   */
  public static S3Backend connect(S3Location location) {
    return new S3Backend(S3ClientFactory.create(location), true, location, DEFAULT_PART_SIZE);
  }

  @Override
  public String location() {
    return location.uri();
  }

  @Override
  public void save(Handle handle, byte[] data) throws IOException {
    String key = location.key(handle);
    if (data.length <= partSize) {
      try {
        client.putObject(
            r -> r.bucket(location.bucket()).key(key).contentMD5(md5(data, 0, data.length)),
            body(data, 0, data.length));
      } catch (SdkException e) {
        throw S3Errors.map("PutObject", object(key), e);
      }
    } else {
      new MultipartUpload(key).upload(data);
    }
  }

  @Override
  public byte[] load(Handle handle) throws IOException {
    String key = location.key(handle);
    try {
      return client.getObjectAsBytes(r -> r.bucket(location.bucket()).key(key)).asByteArrayUnsafe();
    } catch (SdkException e) {
      throw S3Errors.map("GetObject", object(key), e);
    }
  }

  @Override
  public byte[] loadRange(Handle handle, long offset, int length) throws IOException {
    Ranges.checkArguments(handle, offset, length);
    if (length == 0) {
      // An HTTP range cannot be empty; the file only has to be long enough.
      long size = stat(handle);
      if (offset > size) {
        throw Ranges.beyondEnd(object(location.key(handle)), size, offset, length);
      }
      return new byte[0];
    }
    String key = location.key(handle);
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    byte[] data;
    try {
      data =
          client
              .getObjectAsBytes(r -> r.bucket(location.bucket()).key(key).range(range))
              .asByteArrayUnsafe();
    } catch (SdkException e) {
      if (S3Errors.status(e) == 416) {
        throw new EOFException(
            object(key) + " is shorter than offset " + offset + "; cannot read " + length
                + " bytes");
      }
      throw S3Errors.map("GetObject " + range, object(key), e);
    }
    // S3 shortens a range that runs past the end instead of failing.
    if (data.length < length) {
      throw Ranges.beyondEnd(object(key), offset + data.length, offset, length);
    }
    if (data.length > length) {
      throw new IOException(
          "S3 GetObject " + range + " of " + object(key) + " returned " + data.length
              + " bytes: the service ignored the range");
    }
    return data;
  }

  @Override
  public long stat(Handle handle) throws IOException {
    String key = location.key(handle);
    try {
      return client.headObject(r -> r.bucket(location.bucket()).key(key)).contentLength();
    } catch (SdkException e) {
      throw S3Errors.map("HeadObject", object(key), e);
    }
  }

  @Override
  public List<FileInfo> list(FileType type) throws IOException {
    if (type == FileType.CONFIG) {
      return listConfig();
    }
    String keyPrefix = location.keyPrefix();
    String folder = keyPrefix + type.folder() + "/";
    List<FileInfo> found = new ArrayList<>();
    try {
      // The paginator fetches the next page (up to 1000 keys) while iterating.
      Iterable<S3Object> objects =
          client.listObjectsV2Paginator(r -> r.bucket(location.bucket()).prefix(folder)).contents();
      for (S3Object object : objects) {
        String relative = object.key().substring(keyPrefix.length());
        HandlePaths.parse(type, relative).ifPresent(h -> found.add(new FileInfo(h, object.size())));
      }
    } catch (SdkException e) {
      throw S3Errors.map("ListObjectsV2", object(folder), e);
    }
    return found;
  }

  @Override
  public void remove(Handle handle) throws IOException {
    String key = location.key(handle);
    try {
      // S3 answers 204 for a missing key too, which is what the contract wants.
      client.deleteObject(r -> r.bucket(location.bucket()).key(key));
    } catch (SdkException e) {
      throw S3Errors.map("DeleteObject", object(key), e);
    }
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  private List<FileInfo> listConfig() throws IOException {
    try {
      return List.of(new FileInfo(Handle.CONFIG, stat(Handle.CONFIG)));
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  private String object(String key) {
    return "s3://" + location.bucket() + "/" + key;
  }

  /** One multipart upload of one file: parts in order, then complete, or abort on any failure. */
  private final class MultipartUpload {
    private final String key;

    MultipartUpload(String key) {
      this.key = key;
    }

    void upload(byte[] data) throws IOException {
      String uploadId;
      try {
        uploadId =
            client.createMultipartUpload(r -> r.bucket(location.bucket()).key(key)).uploadId();
      } catch (SdkException e) {
        throw S3Errors.map("CreateMultipartUpload", object(key), e);
      }
      String operation = "UploadPart";
      try {
        List<CompletedPart> parts = new ArrayList<>();
        for (int offset = 0, number = 1; offset < data.length; offset += partSize, number++) {
          operation = "UploadPart " + number;
          parts.add(uploadPart(uploadId, number, data, offset));
        }
        operation = "CompleteMultipartUpload";
        client.completeMultipartUpload(
            r -> r.bucket(location.bucket()).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
      } catch (SdkException e) {
        IOException failure = S3Errors.map(operation, object(key), e);
        abort(uploadId, failure);
        throw failure;
      } catch (RuntimeException e) {
        abort(uploadId, e);
        throw e;
      }
    }

    private CompletedPart uploadPart(String uploadId, int number, byte[] data, int offset) {
      int length = Math.min(partSize, data.length - offset);
      String eTag =
          client
              .uploadPart(
                  r -> r.bucket(location.bucket()).key(key).uploadId(uploadId).partNumber(number)
                      .contentMD5(md5(data, offset, length)),
                  body(data, offset, length))
              .eTag();
      return CompletedPart.builder().partNumber(number).eTag(eTag).build();
    }

    private void abort(String uploadId, Exception failure) {
      try {
        client.abortMultipartUpload(r -> r.bucket(location.bucket()).key(key).uploadId(uploadId));
      } catch (SdkException e) {
        failure.addSuppressed(S3Errors.map("AbortMultipartUpload", object(key), e));
      }
    }
  }

  /** A body that streams from the caller's array without copying it. */
  private static RequestBody body(byte[] data, int offset, int length) {
    return RequestBody.fromContentProvider(
        () -> new ByteArrayInputStream(data, offset, length), length, "application/octet-stream");
  }

  private static String md5(byte[] data, int offset, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      digest.update(data, offset, length);
      return Base64.getEncoder().encodeToString(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides MD5", e);
    }
  }
}
