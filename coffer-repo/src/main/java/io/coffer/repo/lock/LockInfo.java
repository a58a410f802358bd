package io.coffer.repo.lock;

import io.coffer.model.Host;

/** A lock file's content, plus whether it is stale and its file name. */
public record LockInfo(String name, String host, long pid, String user, String time, boolean exclusive, boolean stale) {

  public String describe() {
    return (exclusive ? "exclusive" : "shared") + " lock of " + user + "@" + Host.nameOf(host) + " pid " + pid + " since " + time + (stale ? " (stale)" : "");
  }
}
