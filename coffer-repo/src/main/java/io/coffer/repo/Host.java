package io.coffer.repo;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This host's name and the user running the process, recorded in key files and locks. */
public final class Host {
  private Host() {}

  public static String name() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  public static String user() {
    return System.getProperty("user.name", "unknown");
  }
}
