package io.coffer.repo;

import io.coffer.repo.manifest.Content;

/**
 * The format versions a volume may have (docs/repository-format.md, "Version 2"). A volume is read
 * and written in the version its config names, so an older Coffer keeps opening the volumes it made.
 * Version 2 differs from version 1 only in how compactly blobs are described: 16-byte ids and varint
 * lengths in pack headers, index files and id lists. Version 3 is version 2 plus segments of data
 * blobs encoded against reference blobs ({@link BlobType#DELTA}), which a level backup writes for the
 * changed chunks of changed files.
 */
public enum VolumeFormat {
  V1(1, 32),
  V2(2, 16),
  V3(3, 16);

  /** The newest version this Coffer reads and writes. */
  public static final VolumeFormat NEWEST = V3;
  /**
   * What {@code volume init} creates unless told otherwise: version 3 since its conformance suite
   * (vectors, golden volumes, the volume grid on local and S3 backends) passes; {@code --format 2}
   * or {@code 1} makes a volume that older Coffers open.
   */
  public static final VolumeFormat DEFAULT = V3;

  private final int number;
  private final int idLength;

  VolumeFormat(int number, int idLength) {
    this.number = number;
    this.idLength = idLength;
  }

  /** The version of a config's {@code format}; the caller has refused numbers outside 1…{@link #NEWEST}. */
  public static VolumeFormat of(int number) {
    for (VolumeFormat f : values()) {
      if (f.number == number) {
        return f;
      }
    }
    throw new IllegalArgumentException("volume format must be 1, 2 or 3, got " + number);
  }

  /** Whether data blobs may be stored against reference blobs ({@link BlobType#DELTA}): version 3 on. */
  public boolean storesAgainstReferences() {
    return number >= 3;
  }

  public int number() {
    return number;
  }

  /** Bytes of a blob id in this version: the HMAC-SHA256 of the blob, truncated in version 2. */
  public int idLength() {
    return idLength;
  }

  /** Parses a hex id as written in manifests and trees, refusing one of another version's length. */
  public BlobId parseId(String hex) {
    if (hex == null || hex.length() != 2 * idLength) {
      throw new CorruptDataException("blob id '" + hex + "' is not " + 2 * idLength + " hex digits, as format " + number + " writes ids");
    }
    return BlobId.parse(hex);
  }

  /**
   * Whether an id list ends after its id at {@code [end - idLength, end)}, the list then holding
   * {@code count} ids (docs/repository-format.md, "Backup manifests"): once it holds {@code minIds},
   * after an id whose last two bytes, big-endian, are 0 modulo {@code cutEvery} (a power of two);
   * always at {@link Content#IDS_PER_LIST}. The rule reads the id as stored, so format 2 looks at the
   * last two of its 16 bytes.
   */
  public static boolean endsIdList(byte[] list, int end, int count, int minIds, int cutEvery) {
    int low = (list[end - 2] & 0xff) << 8 | (list[end - 1] & 0xff);
    return count >= Content.IDS_PER_LIST || count >= minIds && (low & (cutEvery - 1)) == 0;
  }

  /** Refuses an id-list blob that is not whole ids of this version concatenated. */
  public void checkIdList(byte[] list, Object listId) {
    if (list.length % idLength != 0) {
      throw new CorruptDataException("id list " + listId + " has " + list.length + " bytes, not a multiple of " + idLength);
    }
  }
}
