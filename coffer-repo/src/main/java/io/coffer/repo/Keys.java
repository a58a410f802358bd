package io.coffer.repo;

import io.coffer.repo.backend.FileInfo;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.crypto.KdfParams;
import io.coffer.repo.crypto.KeyFile;
import io.coffer.repo.crypto.MasterKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The passphrases that open a volume: each key file wraps the same master key. Adding a key needs the
 * volume already open (the master key comes from the key that opened it, unwrapped again here, so the
 * master key is never held by the {@link Volume} object beyond its derived parts).
 */
public final class Keys {

  /** One key file as {@code key list} shows it. */
  public record KeyInfo(String name, boolean current, String created, String host, String user, String kdf) {}

  private final Volume volume;

  Keys(Volume volume) {
    this.volume = volume;
  }

  public List<KeyInfo> list() throws IOException {
    List<KeyInfo> out = new ArrayList<>();
    for (FileInfo f : volume.backend().list(FileType.KEY)) {
      KeyFile.Info i = KeyFile.info(volume.backend().load(f.handle()));
      String name = f.handle().name();
      out.add(new KeyInfo(name, name.equals(volume.keyName()), i.created(), i.host(), i.user(), i.kdf().algorithm()));
    }
    return out;
  }

  /** Adds a key file for {@code newPassphrase}; {@code currentPassphrase} re-opens the master key. */
  public String add(char[] currentPassphrase, char[] newPassphrase, KdfParams kdf) throws IOException {
    requireEncrypted();
    MasterKey key = unlock(currentPassphrase);
    byte[] file = KeyFile.create(key, newPassphrase, kdf);
    String name = SealedFiles.sha256(file);
    volume.backend().save(new Handle(FileType.KEY, name), file);
    return name;
  }

  /** Removes a key file; refuses the last one and the one this session opened with. */
  public void remove(String namePrefix) throws IOException {
    requireEncrypted();
    List<KeyInfo> keys = list();
    List<KeyInfo> match = keys.stream().filter(k -> k.name().startsWith(namePrefix)).toList();
    if (namePrefix.length() < 4 || match.size() != 1) {
      throw new VolumeException("key '" + namePrefix + "' is not accepted: give a unique prefix (at least 4 hex digits) of a name from `coffer volume key list`");
    }
    KeyInfo k = match.get(0);
    if (k.current()) {
      throw new VolumeException("key " + k.name().substring(0, 12) + " is the one used to open the volume; open it with another passphrase to remove this one");
    }
    if (keys.size() == 1) {
      throw new VolumeException("refusing to remove the last key of volume " + volume.location());
    }
    volume.backend().remove(new Handle(FileType.KEY, k.name()));
  }

  /** Replaces the current passphrase: adds a new key file, then removes the one used to open. */
  public String passwd(char[] currentPassphrase, char[] newPassphrase, KdfParams kdf) throws IOException {
    String added = add(currentPassphrase, newPassphrase, kdf);
    volume.backend().remove(new Handle(FileType.KEY, volume.keyName()));
    return added;
  }

  private MasterKey unlock(char[] passphrase) throws IOException {
    MasterKey key = KeyFile.open(volume.backend().load(new Handle(FileType.KEY, volume.keyName())), passphrase);
    if (key == null) {
      throw new WrongPassphraseException(volume.location());
    }
    return key;
  }

  private void requireEncrypted() {
    if (!volume.config().encrypted()) {
      throw new VolumeException("volume " + volume.location() + " is not encrypted: it has no passphrases to manage");
    }
  }
}
