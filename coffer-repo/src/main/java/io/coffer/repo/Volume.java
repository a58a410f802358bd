package io.coffer.repo;

import io.coffer.repo.backend.Backend;
import io.coffer.repo.backend.FileInfo;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.chunker.ChunkerParams;
import io.coffer.repo.chunker.FastCdc;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.crypto.Argon2id;
import io.coffer.repo.crypto.IdHasher;
import io.coffer.repo.crypto.KdfParams;
import io.coffer.repo.crypto.KeyFile;
import io.coffer.repo.crypto.MasterKey;
import io.coffer.repo.crypto.Sealer;
import io.coffer.repo.index.MasterIndex;
import io.coffer.repo.index.SavedIndex;
import io.coffer.repo.lock.Locks;
import io.coffer.repo.manifest.Manifest;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.security.SecureRandom;

/**
 * An open volume: the entry point of the repository library.
 *
 * <p>Lifecycle: {@link #init} or {@link #open} reads the config and unlocks the master key; the
 * index is loaded lazily by the first operation that needs it and kept for the volume's lifetime.
 * Thread-safe for concurrent backups and reads; prune, forget and repair-index take the exclusive
 * lock and reload the index afterwards. The index's blobs are mapped from files in the index
 * directory, outside the heap; {@link #close()} unmaps them (see {@link MasterIndex} for how a
 * reload leaves a running backup or restore its index).
 */
public final class Volume implements AutoCloseable {

  private final Backend backend;
  private final VolumeConfig config;
  private final String keyName;
  final VolumeFormat format;
  final Sealer sealer;
  final Codec codec;
  final IdHasher hasher;
  final FastCdc chunker;
  /** The chunker and codec of trees' files ({@link VolumeConfig#trees()}); the streams' where they are the same. */
  final FastCdc treeChunker;
  final Codec treeCodec;
  final SealedFiles files;
  final Locks locks;
  /**
   * Index files, or blobs in them, read on top of a saved index before it is saved again: decoding
   * costs about a microsecond a blob, saving writes the whole table (~70 bytes a blob).
   */
  private static final int RESAVE_FILES = 16;
  private static final int RESAVE_BLOBS = 20_000;
  /** Where indexes map their blobs: a directory on a disk, such as Coffer's cache (see {@link MasterIndex}). */
  private final Path indexDirectory;
  /** The index as built by an earlier command, in Coffer's cache; null for indexes in java.io.tmpdir. */
  private final SavedIndex savedIndex;
  private volatile MasterIndex index;
  /** The index files {@link #index} holds (guarded by this). */
  private Set<String> indexFiles = new HashSet<>();
  /** Guarded by this: a closed volume loads no index. */
  private boolean closed;

  private Volume(Backend backend, VolumeConfig config, MasterKey key, String keyName, Path indexDirectory) {
    this.backend = backend;
    this.indexDirectory = indexDirectory;
    this.savedIndex = indexDirectory.equals(MasterIndex.TEMPORARY_DIRECTORY) ? null
        : new SavedIndex(indexDirectory.resolve("saved"), indexDirectory);
    this.config = config;
    this.keyName = keyName;
    this.sealer = config.encrypted() ? Sealer.aesGcm(key) : Sealer.none();
    this.codec = config.compressionLevel() > 0 ? Codec.zstd(config.compressionLevel()) : Codec.none();
    this.format = config.volumeFormat();
    this.hasher = new IdHasher(key, format.idLength());
    long[] gear = FastCdc.gearTable(hasher);
    this.chunker = new FastCdc(config.chunker().params(), gear);
    this.treeChunker = config.treeChunker().equals(config.chunker()) ? chunker : new FastCdc(config.treeChunker().params(), gear);
    this.treeCodec = config.treeCompressionLevel() == config.compressionLevel() ? codec
        : config.treeCompressionLevel() > 0 ? Codec.zstd(config.treeCompressionLevel()) : Codec.none();
    this.files = new SealedFiles(backend, sealer, codec);
    this.locks = new Locks(backend, files);
  }

  /** Creates a volume; fails without writing anything when the location already holds one. */
  public static Volume init(Backend backend, VolumeOptions options, char[] passphrase) throws IOException {
    return init(backend, options, passphrase, MasterKey.random());
  }

  /**
   * Creates a volume around a given master key. Its id key decides chunk boundaries, blob ids and
   * where id lists end, so a seeded key makes a test replay exactly and lets the golden-volume
   * generator rebuild volumes whose blobs keep their ids.
   */
  public static Volume init(Backend backend, VolumeOptions options, char[] passphrase, MasterKey key) throws IOException {
    return init(backend, options, passphrase, key, MasterIndex.TEMPORARY_DIRECTORY);
  }

  /** Like {@link #init(Backend, VolumeOptions, char[], MasterKey)}, mapping indexes from files in {@code indexDirectory}. */
  public static Volume init(Backend backend, VolumeOptions options, char[] passphrase, MasterKey key, Path indexDirectory) throws IOException {
    if (backend.exists()) {
      throw new VolumeException("volume " + backend.location() + " already exists");
    }
    if (!backend.list(FileType.KEY).isEmpty() || !backend.list(FileType.PACK).isEmpty()) {
      throw new VolumeException("location " + backend.location() + " is not empty and holds no volume config; refusing to initialize over it");
    }
    if (options.encrypted() && (passphrase == null || passphrase.length == 0)) {
      throw new VolumeException("an encrypted volume needs a passphrase (COFFER_PASSWORD_FILE, COFFER_PASSWORD or a terminal prompt)");
    }
    byte[] idBytes = new byte[32];
    new SecureRandom().nextBytes(idBytes);
    VolumeConfig config =
        new VolumeConfig(
            options.format().number(),
            HexFormat.of().formatHex(idBytes),
            Instant.now().toString(),
            chunker(options.chunker()),
            compression(options.compressionLevel()),
            new VolumeConfig.Trees(chunker(options.treeChunker()), compression(options.treeCompressionLevel())),
            options.packSize(),
            options.segmentSize(),
            options.encrypted() ? VolumeConfig.AES_GCM : VolumeConfig.NONE);
    KdfParams kdf = options.encrypted() ? options.kdf() : KdfParams.none();
    byte[] keyFile = KeyFile.create(key, passphrase, kdf);
    String keyName = SealedFiles.sha256(keyFile);
    // Key before config: a crash in between leaves no config, so the location is not yet a volume.
    backend.save(new Handle(FileType.KEY, keyName), keyFile);
    backend.save(Handle.CONFIG, Json.write(config));
    return new Volume(backend, config, key, keyName, indexDirectory);
  }

  private static VolumeConfig.Chunker chunker(ChunkerParams p) {
    return new VolumeConfig.Chunker("fastcdc", p.min(), p.avg(), p.max());
  }

  private static VolumeConfig.Compression compression(int level) {
    return new VolumeConfig.Compression(level > 0 ? "zstd" : "none", level);
  }

  /** Reads a volume's config without unlocking it; tells callers whether a passphrase is needed. */
  public static VolumeConfig readConfig(Backend backend) throws IOException {
    byte[] raw;
    try {
      raw = backend.load(Handle.CONFIG);
    } catch (NoSuchFileException e) {
      throw new VolumeException(backend.location() + " is not a Coffer volume (no config file); create one with `coffer volume init`");
    }
    VolumeConfig config;
    try {
      config = Json.read(raw, VolumeConfig.class, "config of " + backend.location());
    } catch (CorruptDataException e) {
      throw new VolumeException(backend.location() + " is not a Coffer volume: its config file is not valid (" + e.getMessage() + ")");
    }
    if (config.format() > VolumeFormat.NEWEST.number()) {
      throw new VolumeException(
          "volume " + backend.location() + " has format " + config.format() + "; this coffer reads formats up to " + VolumeFormat.NEWEST.number() + ": upgrade coffer");
    }
    if (config.format() < 1 || config.chunker() == null || config.compression() == null || config.encryption() == null) {
      throw new VolumeException(backend.location() + " is not a Coffer volume: its config lacks format, chunker, compression or encryption");
    }
    return config;
  }

  /** Opens a volume; {@code passphrase} may be null for an unencrypted one. Indexes are mapped in java.io.tmpdir. */
  public static Volume open(Backend backend, char[] passphrase) throws IOException {
    return open(backend, passphrase, MasterIndex.TEMPORARY_DIRECTORY);
  }

  /**
   * Opens a volume whose indexes are mapped from files in {@code indexDirectory} (created when
   * missing; best on a disk, not a tmpfs): files deleted as soon as they are mapped.
   */
  public static Volume open(Backend backend, char[] passphrase, Path indexDirectory) throws IOException {
    return open(backend, passphrase, indexDirectory, HotPaths.READING_AND_WRITING);
  }

  /**
   * Opens a volume as {@link #open(Backend, char[], Path)} does, compiling ahead on purpose only the
   * per-byte paths given while the key is derived ({@link Warmup}); with {@link HotPaths#NONE},
   * {@link #warmUp()} may still ask for them before the opening ends.
   */
  public static Volume open(Backend backend, char[] passphrase, Path indexDirectory, HotPaths warmUp)
      throws IOException {
    VolumeConfig config = readConfig(backend);
    Warmup.opening();
    Warmup.start(warmUp);
    try {
      List<FileInfo> keys = backend.list(FileType.KEY);
      if (keys.isEmpty()) {
        throw new CorruptDataException("volume " + backend.location() + " has no key files");
      }
      for (FileInfo k : keys) {
        byte[] file = backend.load(k.handle());
        if (config.encrypted() && KeyFile.isUnprotected(file)) {
          continue;
        }
        MasterKey key = KeyFile.open(file, passphrase == null ? new char[0] : passphrase);
        if (key != null) {
          return new Volume(backend, config, key, k.handle().name(), indexDirectory);
        }
      }
      throw new WrongPassphraseException(backend.location());
    } finally {
      Warmup.opened();
    }
  }

  /**
   * For a command that will open a volume after other work (reading the catalog, say): binds the key
   * derivation's library on another thread meanwhile ({@link Argon2id#bindAhead()}).
   */
  public static void prepareToOpen() {
    Argon2id.bindAhead();
  }

  /**
   * Compiles the hot paths of reading and writing a volume (GCM, HMAC, the chunker, zstd) on a
   * background thread while a volume of this process is being opened, once per process: for a caller
   * that opened without it and then learnt that a lot of data will follow. Does nothing when no
   * volume is being opened.
   */
  public static void warmUp() {
    Warmup.start();
  }

  /**
   * Whether {@link #warmUp()} would start anything now: a volume is being opened and the warm-up has
   * not run in this process. A caller that must ask something first to decide can skip asking.
   */
  public static boolean canWarmUp() {
    return Warmup.canStart();
  }

  public Backend backend() {
    return backend;
  }

  public VolumeConfig config() {
    return config;
  }

  /** The format version this volume is read and written in (its config's). */
  public VolumeFormat format() {
    return format;
  }

  public String location() {
    return backend.location();
  }

  /** The name of the key file that opened this volume. */
  public String keyName() {
    return keyName;
  }

  public Keys keys() {
    return new Keys(this);
  }

  /**
   * The index, loaded on first use. It stays usable until the volume is closed or reads its index
   * files again (a prune, a repair); code of this package that outlives that retains it.
   */
  public MasterIndex index() throws IOException {
    MasterIndex i = index;
    if (i == null) {
      synchronized (this) {
        if (index == null) {
          index = loadIndex(backend.list(FileType.INDEX));
        }
        i = index;
      }
    }
    return i;
  }

  /**
   * The index as the volume's index files say now; call holding a lock, so that no prune changes them
   * meanwhile. A volume stays open for a process's life (an agent's), and another process may have
   * pruned since its index was read: had that prune removed an index file this one was read from,
   * packs it names may be gone or their blobs moved, so the index is read again — a backup must not
   * skip storing a blob that only a deleted pack held, and a reader must find repacked blobs. Index
   * files other processes added meanwhile are only read in. The index comes retained: the caller
   * closes it when done.
   */
  MasterIndex currentIndex() throws IOException {
    synchronized (this) {
      List<FileInfo> listed = backend.list(FileType.INDEX);
      Set<String> now = new HashSet<>();
      listed.forEach(f -> now.add(f.handle().name()));
      if (index == null || !now.containsAll(indexFiles)) {
        MasterIndex loaded = loadIndex(listed);
        dropIndex();
        index = loaded;
      } else {
        for (String name : now) {
          if (indexFiles.add(name)) {
            index.addIndexFile(files.load(FileType.INDEX, name));
          }
        }
      }
      return index.retain();
    }
  }

  /** An index file this process wrote, whose packs it adds to its index itself (see BlobStore#publish). */
  void indexWritten(String name) {
    synchronized (this) {
      indexFiles.add(name);
    }
  }

  /** Drops the cached index so the next operation reads the index files again. */
  public synchronized void reloadIndex() {
    dropIndex();
  }

  /** An empty index mapped in this volume's index directory; the caller closes it. */
  MasterIndex newIndex() {
    return new MasterIndex(indexDirectory, format);
  }

  /**
   * Reads the listed index files; the caller holds the monitor. The index an earlier command saved
   * ({@link SavedIndex}) is taken when every index file it was built from is still listed, and only
   * the others are read; once that leaves many to read, the index is saved again.
   */
  private MasterIndex loadIndex(List<FileInfo> listed) throws IOException {
    if (closed) {
      throw new IllegalStateException("volume " + location() + " is closed");
    }
    Set<String> names = new HashSet<>();
    listed.forEach(f -> names.add(f.handle().name()));
    SavedIndex.Loaded saved = savedIndex == null ? null : savedIndex.load(savedIndexName(), format, names);
    MasterIndex i = saved == null ? newIndex() : saved.index();
    try {
      Set<String> read = saved == null ? new HashSet<>() : new HashSet<>(saved.files());
      int savedBlobs = i.blobCount();
      int added = 0;
      for (FileInfo f : listed) {
        if (read.add(f.handle().name())) {
          i.addIndexFile(files.load(FileType.INDEX, f.handle().name()));
          added++;
        }
      }
      if (savedIndex != null && added > 0
          && (saved == null || added > RESAVE_FILES || i.blobCount() - savedBlobs > RESAVE_BLOBS)) {
        savedIndex.save(savedIndexName(), i, read);
      }
      indexFiles = read;
      return i;
    } catch (IOException | RuntimeException e) {
      i.close();
      throw e;
    }
  }

  /**
   * The saved index's file: the volume's id, and its location, since a copy of a volume elsewhere
   * has the same id and goes its own way.
   */
  private String savedIndexName() {
    return config.id() + "-" + Integer.toHexString(location().hashCode());
  }

  /** Lets go of the index; backups and restores that retained it keep it until they close it. The caller holds the monitor. */
  private void dropIndex() {
    if (index != null) {
      index.close();
      index = null;
    }
  }

  /** Starts a backup; the caller adds streams and trees, then commits. */
  public BackupWriter newBackup(Map<String, String> tags, ProgressListener progress) throws IOException {
    return new BackupWriter(this, tags, progress);
  }

  /** All backups, oldest first. */
  public List<BackupInfo> backups() throws IOException {
    List<BackupInfo> out = new ArrayList<>();
    for (FileInfo f : backend.list(FileType.BACKUP)) {
      String id = f.handle().name();
      out.add(new BackupInfo(id, manifest(id)));
    }
    out.sort(Comparator.comparing((BackupInfo b) -> b.manifest().time()).thenComparing(BackupInfo::id));
    return out;
  }

  /** The word that stands for the newest backup; ids are hex, so it can never be a prefix of one. */
  public static final String LATEST = "latest";

  /**
   * Resolves a backup id, a unique prefix of at least 4 hex digits, or {@value #LATEST} (the newest
   * backup, as {@link #backups()} orders them), so a script need not look the id up first.
   */
  public String resolve(String idOrPrefix) throws IOException {
    if (LATEST.equals(idOrPrefix)) {
      List<BackupInfo> all = backups();
      if (all.isEmpty()) {
        throw new VolumeException("there is no latest backup: volume " + location() + " holds none yet");
      }
      return all.get(all.size() - 1).id();
    }
    if (idOrPrefix == null || idOrPrefix.length() < 4 || !idOrPrefix.matches("[0-9a-f]+")) {
      throw new VolumeException("backup id '" + idOrPrefix + "' is not accepted: give at least 4 lowercase hex digits"
          + " of an id from `coffer volume ls`, or latest");
    }
    List<String> matches = new ArrayList<>();
    for (FileInfo f : backend.list(FileType.BACKUP)) {
      if (f.handle().name().startsWith(idOrPrefix)) {
        matches.add(f.handle().name());
      }
    }
    if (matches.isEmpty()) {
      throw new VolumeException("no backup " + idOrPrefix + " in volume " + location());
    }
    if (matches.size() > 1) {
      throw new VolumeException("backup id prefix " + idOrPrefix + " is ambiguous in volume " + location() + ": " + matches.size() + " backups match");
    }
    return matches.get(0);
  }

  public Manifest manifest(String id) throws IOException {
    return Json.read(files.load(FileType.BACKUP, id), Manifest.class, "backups/" + id);
  }

  /** Reads streams and trees of backups. */
  public BackupReader reader() throws IOException {
    return new BackupReader(this);
  }

  /** Verifies the volume; see {@link CheckReport}. Runs under a shared lock. */
  public CheckReport check(boolean readData, ProgressListener progress) throws IOException {
    try (Locks.Lock l = locks.acquire(false)) {
      return new Checker(this, progress).run(readData);
    }
  }

  /** Removes the manifests of the given backups (ids or unique prefixes); returns the removed ids. */
  public List<String> forget(List<String> idsOrPrefixes) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String p : idsOrPrefixes) {
      ids.add(resolve(p));
    }
    try (Maintenance m = maintenance()) {
      for (String id : ids) {
        m.forget(id);
      }
    }
    return ids;
  }

  /** Deletes unreferenced data and repacks packs less than half live. */
  public PruneReport prune(boolean dryRun, ProgressListener progress) throws IOException {
    return prune(dryRun, 0.5, progress);
  }

  public PruneReport prune(boolean dryRun, double repackBelow, ProgressListener progress) throws IOException {
    try (Maintenance m = maintenance()) {
      return m.prune(dryRun, repackBelow, Set.of(), progress);
    }
  }

  /**
   * Takes the exclusive lock for forgetting and pruning in one session; fails with {@link
   * LockedException} while another process uses the volume.
   */
  public Maintenance maintenance() throws IOException {
    return new Maintenance(this, locks.acquire(true));
  }

  /** Rebuilds all index files from pack headers. */
  public RepairReport repairIndex(ProgressListener progress) throws IOException {
    try (Locks.Lock l = locks.acquire(true)) {
      return new IndexRepairer(this, progress).run();
    }
  }

  public VolumeStats stats() throws IOException {
    List<BackupInfo> all = backups();
    long logical = all.stream().mapToLong(b -> b.manifest().size()).sum();
    List<FileInfo> packs = backend.list(FileType.PACK);
    long stored = packs.stream().mapToLong(FileInfo::size).sum();
    MasterIndex index = index();
    return new VolumeStats(all.size(), logical, stored, stored == 0 ? 0 : (double) logical / stored, packs.size(), index.blobCount(),
        backend.list(FileType.INDEX).size(), index.count(BlobType.DELTA));
  }

  public Locks locks() {
    return locks;
  }

  @Override
  public void close() throws IOException {
    synchronized (this) {
      closed = true;
      dropIndex();
    }
    backend.close();
  }
}
