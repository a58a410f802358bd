package io.coffer.repo;

/** No key file of the volume opens with the given passphrase. */
public class WrongPassphraseException extends VolumeException {
  public WrongPassphraseException(String location) {
    super("wrong passphrase for volume " + location);
  }
}
