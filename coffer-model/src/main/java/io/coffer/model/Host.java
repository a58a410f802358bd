package io.coffer.model;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * This host and the user running the process, defined once for every layer that records them: the
 * volume's locks, key files and manifests (the name and the user), the catalog's runs, the agent's
 * job claims and the host an agent runs on (the identity).
 *
 * <p>The <em>name</em> is what people read: {@code $HOSTNAME}, else what the resolver says. The
 * <em>identity</em> decides whose processes a pid belongs to: the name and, where the system has
 * one, the start of its machine id ({@code db1#3d1219a07c2e}). Two hosts that resolve to the same
 * name (a misconfigured "localhost") would otherwise take each other's processes for their own; a
 * container keeps a host name of its own.
 */
public final class Host {

  private static final String UNKNOWN = "unknown";
  private static final char MACHINE_MARK = '#';
  private static final int MACHINE_ID_CHARS = 12;
  private static final List<Path> MACHINE_ID_FILES = List.of(Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id"));

  private Host() {}

  /** This host's name: {@code $HOSTNAME}, else the resolver's, else "unknown". */
  public static String name() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return UNKNOWN;
    }
  }

  /** The user running this process, or "unknown" when the system does not say. */
  public static String user() {
    String user = System.getProperty("user.name");
    return user == null || user.isBlank() ? UNKNOWN : user;
  }

  /**
   * Whether this process runs as root (uid 0, read from {@code /proc/self}; false where that cannot
   * be told): only root may give restored files their recorded owners.
   */
  public static boolean runsAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /** This host's identity: its name, then {@code #} and the start of its machine id when it has one. */
  public static String identity() {
    return identity(name(), MACHINE_ID_FILES);
  }

  /**
   * Whether an identity some process recorded (a volume's lock, an agent's start) is this host's: the
   * same identity, or, for one that is a plain name (written before identities, or on a host without
   * a machine id), the same name. Two hosts that share a name but not a machine id are not the same.
   */
  public static boolean isThis(String identity) {
    return identity.equals(identity()) || (nameOf(identity).equals(identity) && identity.equals(name()));
  }

  /** The name within an identity, for messages: {@code db1#3d1219a07c2e} reads as {@code db1}. */
  public static String nameOf(String identity) {
    int mark = identity.indexOf(MACHINE_MARK);
    return mark < 0 ? identity : identity.substring(0, mark);
  }

  /** The identity of the host {@code name} whose machine id is in the first readable of {@code machineIdFiles}. */
  static String identity(String name, List<Path> machineIdFiles) {
    for (Path file : machineIdFiles) {
      try {
        String id = Files.readString(file).strip();
        if (id.length() >= MACHINE_ID_CHARS) {
          return name + MACHINE_MARK + id.substring(0, MACHINE_ID_CHARS);
        }
      } catch (IOException | RuntimeException e) {
        // No machine id in this file: try the next, else the name alone.
      }
    }
    return name;
  }
}
