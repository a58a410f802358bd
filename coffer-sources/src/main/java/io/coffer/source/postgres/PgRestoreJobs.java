package io.coffer.source.postgres;

import io.coffer.model.Kind;
import io.coffer.source.RestoreRequest;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * How many connections a restore's post-data step (index and constraint builds by {@code pg_restore
 * --jobs}) runs with. The jobs asked for are a maximum, not a target: each index build is CPU work of
 * the server (a sort, with parallel maintenance workers of its own), so more concurrent builds than
 * the server's host has cores only take turns on them. More jobs than a table has index builds do
 * worse: pg_restore then starts the table's primary key beside them (it would know they conflict
 * from the archive's table entries, and a post-data archive has none), which queues for its lock,
 * and the table's later builds queue behind it. On two cores post-data with four jobs was measured
 * slower than with two in every round (docs/benchmarks.md).
 *
 * <p>Coffer knows the cores of the server's host only when it is this host: a server reached through
 * a Unix socket, a loopback address or an address of this machine; there post-data runs with at most
 * this host's cores. A remote server's jobs are left as asked. Loading is not capped: on the shapes
 * measured (one big table) the COPY phase took as long with four jobs as with two.
 *
 * @param asked the jobs the restore was asked for
 * @param postData the jobs post-data runs with
 * @param cores this host's cores when the server shares them; 0 when it is elsewhere
 */
record PgRestoreJobs(int asked, int postData, int cores) {

  /** The rule for a request, on this machine's cores. */
  static PgRestoreJobs of(RestoreRequest request) {
    return of(request.jobs(), request.target().host(), Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param host the server's host as the node names it: a name, an address or a socket directory
   * @param cores this host's available cores
   */
  static PgRestoreJobs of(int asked, String host, int cores) {
    if (!onThisHost(host)) {
      return new PgRestoreJobs(asked, asked, 0);
    }
    return new PgRestoreJobs(asked, Math.min(asked, cores), cores);
  }

  /**
   * What a restore of that kind does with the jobs and why, for its plan and its log, when that is
   * not simply what was asked: empty when post-data runs with the jobs asked, or does not run.
   */
  List<String> notes(Kind kind) {
    if (postData == asked || !kind.hasSchema()) {
      return List.of();
    }
    return List.of("post-data with " + postData + " jobs of the " + asked + " asked: the server shares this"
        + " host's " + cores + " cores, and more concurrent index builds than cores only contend for them");
  }

  /**
   * Whether a server at {@code host} runs on this machine: a Unix socket directory (a path, or
   * Linux's abstract namespace {@code @…}), {@code localhost}, or a name or address that is
   * loopback or one of this machine's interfaces. A name that does not resolve is taken as remote.
   */
  static boolean onThisHost(String host) {
    if (host.startsWith("/") || host.startsWith("@")) {
      return true;
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.toLowerCase(Locale.ROOT).equals("localhost")) {
      return true;
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(bare)) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()
            || NetworkInterface.getByInetAddress(address) != null) {
          return true;
        }
      }
      return false;
    } catch (UnknownHostException | SocketException e) {
      return false;
    }
  }
}
