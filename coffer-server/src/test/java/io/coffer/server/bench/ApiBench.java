package io.coffer.server.bench;

import io.coffer.catalog.access.Role;
import io.coffer.catalog.job.JobType;
import io.coffer.catalog.job.NewJob;
import io.coffer.catalog.node.NewNode;
import io.coffer.engine.Coffer;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.demo.SampleDatabase;
import io.coffer.model.Engine;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.Volume;
import io.coffer.repo.VolumeOptions;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.source.SourceListener;
import io.coffer.engine.config.ConfigLoader;
import io.coffer.engine.job.QueuedBackup;
import io.coffer.server.ApiServer;
import io.coffer.server.ServerSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves the catalog in {@code --home} (made by GenerateCatalog) on loopback and measures: {@code
 * --clients} clients for {@code --seconds} each polling a backup's progress (seed 004's call) and
 * listing a node's newest 100 backups in turn, waiting {@code --interval-ms} between requests (0: as
 * fast as they can, which measures the server saturated); then the console's overview
 * page, {@code --overview-runs} times. Prints markdown rows: requests, errors, median, p95, p99, worst.
 * With {@code --backup-mb N} it measures instead how much the clients slow a backup ({@link #slowdown}).
 */
public final class ApiBench {

  private static final String PASSPHRASE = "api bench passphrase";

  private ApiBench() {}

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--clients-only")) {
      clientsOnly(args);
      return;
    }
    Path home = Path.of(argument(args, "--home", "target/api-bench"));
    int clients = Integer.parseInt(argument(args, "--clients", "100"));
    int seconds = Integer.parseInt(argument(args, "--seconds", "60"));
    int overviewRuns = Integer.parseInt(argument(args, "--overview-runs", "30"));
    int nodes = Integer.parseInt(argument(args, "--nodes", "1000"));
    long interval = Long.parseLong(argument(args, "--interval-ms", "1000"));
    int backupMegabytes = Integer.parseInt(argument(args, "--backup-mb", "0"));
    int backupRounds = Integer.parseInt(argument(args, "--backup-rounds", "3"));
    Coffer coffer = Coffer.open(new ConfigLoader(Map.of("COFFER_HOME", home.toString(), "COFFER_AGENT", "agent0"),
        home, home.resolve("no-such-file.yaml")).load(), location -> PASSPHRASE.toCharArray());
    String token;
    if (coffer.access().users().isEmpty()) {
      coffer.access().addUser("bench", Role.ADMIN, "a long bench password".toCharArray());
    }
    token = coffer.access().createToken("bench", "bench", "1d").secret();
    // A queued backup of node0's db0, whose progress the clients poll (no agent runs here).
    coffer.catalog().jobs().enqueue(NewJob.of(JobType.BACKUP).node("node0")
        .parameters(new QueuedBackup("node0", "db0", "FULL", 0, null, "v1").parameters()));
    try (ApiServer server = ApiServer.start(coffer, ServerSettings.defaults(home).insecure().listen("127.0.0.1:0"))) {
      String base = "http://127.0.0.1:" + server.port();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      System.out.printf("catalog %s, %d clients for %d s, each waiting %d ms between requests, load average at"
          + " start %.1f%n", home, clients, seconds, interval,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.println("| requests | what | count | errors | median ms | p95 ms | p99 ms | worst ms |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      load(client, base, token, clients, Duration.ofSeconds(5), nodes, interval, false);
      if (backupMegabytes > 0) {
        Clients load = Arrays.asList(args).contains("--clients-apart")
            ? new ClientProcess(home, base, token, clients, nodes, interval, System.getenv("CLIENT_NICE"))
            : new ClientThreads(client, base, token, clients, nodes, interval);
        slowdown(coffer, home, backupMegabytes, backupRounds, load);
        return;
      }
      load(client, base, token, clients, Duration.ofSeconds(seconds), nodes, interval, true);
      long[] overview = new long[overviewRuns];
      for (int i = -5; i < overviewRuns; i++) {
        long started = System.nanoTime();
        HttpResponse<String> page = get(client, base + "/console/", token);
        if (page.statusCode() != 200 || !page.body().contains("id=\"overview\"")) {
          throw new IllegalStateException("overview answered " + page.statusCode());
        }
        if (i >= 0) {
          overview[i] = System.nanoTime() - started;
        }
      }
      print("overview page, " + nodes + " nodes", "GET /console/", overview, overviewRuns, 0);
    } finally {
      coffer.close();
    }
  }

  /**
   * How much the server's clients slow a backup in the same process (as with {@code agent run --listen}):
   * a FULL backup of an SQLite database of {@code megabytes} MB, once to warm up, then {@code rounds}
   * times alone and {@code rounds} times while the clients poll, alternating, so that the machine's
   * other load falls on both alike.
   */
  private static void slowdown(Coffer coffer, Path home, int megabytes, int rounds, Clients clients)
      throws Exception {
    Path data = java.nio.file.Files.createDirectories(home.resolve("slowdown-data"));
    Path database = data.resolve("bench.db");
    if (!java.nio.file.Files.exists(database)) {
      SampleDatabase.ofSize(7, megabytes * 1_000_000L).create(database);
    }
    Path volume = home.resolve("slowdown-volume");
    if (coffer.volumes().list().stream().noneMatch(v -> v.name().equals("slowdown"))) {
      try (Volume v = Volume.init(new LocalBackend(volume), VolumeOptions.defaults(), PASSPHRASE.toCharArray())) {
        v.config();
      }
      coffer.volumes().add("slowdown", volume.toString(), "api bench: backup slowdown");
      coffer.nodes().add(NewNode.builder("slowdown", Engine.SQLITE).dataDirectory(data.toString()).build());
    }
    BackupOrder order = BackupOrder.byHand("slowdown", "bench.db").volume("slowdown");
    System.out.printf("backup of %s (%d MB) alone and while %s; load average %.1f%n",
        database.getFileName(), java.nio.file.Files.size(database) / 1_000_000, clients,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    backup(coffer, order);
    // The clients poll for a while before the rounds, so that their JVM's start and compilation,
    // like the server's, are over before any backup is timed: pollers run for days, not seconds.
    clients.start();
    Thread.sleep(10_000);
    clients.stop();
    System.out.println("| round | alone s | with the clients s | ratio | server CPU per request ms |");
    System.out.println("|---|---|---|---|---|");
    double[] alone = new double[rounds];
    double[] loaded = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      alone[round] = backup(coffer, order);
      clients.start();
      Thread.sleep(3_000); // the clients are all polling before the backup starts
      long serverCpuBefore = serverCpuNanos();
      loaded[round] = backup(coffer, order);
      long serverCpu = serverCpuNanos() - serverCpuBefore;
      long requests = clients.stop();
      System.out.printf("| %d | %.2f | %.2f | %.3f | %.2f |%n", round + 1, alone[round], loaded[round],
          loaded[round] / alone[round], serverCpu / 1e6 / Math.max(1, requests));
    }
    clients.close();
    Arrays.sort(alone);
    Arrays.sort(loaded);
    System.out.printf("| median | %.2f | %.2f | %.3f | |%n", alone[rounds / 2], loaded[rounds / 2],
        loaded[rounds / 2] / alone[rounds / 2]);
  }

  /** The pollers of a slowdown round: started before the backup, stopped after it. */
  private interface Clients {
    void start() throws Exception;

    /** Stops them and returns how many requests they made (about, for a process: its stop is not synchronous). */
    long stop() throws Exception;

    /** Ends them for good. */
    default void close() throws Exception {}
  }

  /** The clients as threads of this process: their own CPU competes with the backup in the same JVM. */
  private static final class ClientThreads implements Clients {
    private final HttpClient client;
    private final String base;
    private final String token;
    private final int clients;
    private final int nodes;
    private final long interval;
    private final AtomicLong requests = new AtomicLong();
    private volatile boolean done;
    private Thread thread;

    ClientThreads(HttpClient client, String base, String token, int clients, int nodes, long interval) {
      this.client = client;
      this.base = base;
      this.token = token;
      this.clients = clients;
      this.nodes = nodes;
      this.interval = interval;
    }

    @Override
    public void start() {
      done = false;
      requests.set(0);
      thread = new Thread(() -> {
        try {
          requests.set(load(client, base, token, clients, Duration.ofHours(1), nodes, interval, false, () -> done));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "clients");
      thread.start();
    }

    @Override
    public long stop() throws InterruptedException {
      done = true;
      thread.join();
      return requests.get();
    }

    @Override
    public String toString() {
      return clients + " clients poll from threads of this process (interval " + interval + " ms)";
    }
  }

  /**
   * The clients in a JVM of their own, as pollers on other hosts would be (but still on this machine's cores);
   * with {@code nice} set, under {@code nice -n N} so that they take what the backup and the server leave.
   * The JVM is started once and paused between rounds, as long-running pollers (a dashboard, a
   * monitoring system) are: started anew for each round, its own start-up (class loading and
   * compilation, seconds of CPU on two cores) fell into the backup it was to poll beside.
   */
  private static final class ClientProcess implements Clients {
    private final List<String> command = new ArrayList<>();
    private final int clients;
    private final long interval;
    private final String nice;
    private Process process;
    private java.io.Writer control;
    private java.io.BufferedReader counts;

    ClientProcess(Path home, String base, String token, int clients, int nodes, long interval, String nice)
        throws java.io.IOException {
      this.clients = clients;
      this.interval = interval;
      this.nice = nice;
      Path tokenFile = home.resolve("bench-token");
      java.nio.file.Files.writeString(tokenFile, token);
      java.nio.file.Files.setPosixFilePermissions(tokenFile,
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      if (nice != null && !nice.isBlank()) {
        command.addAll(List.of("nice", "-n", nice));
      }
      command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
          System.getProperty("java.class.path"), ApiBench.class.getName(), "--clients-only", "--url", base,
          "--token-file", tokenFile.toString(), "--clients", String.valueOf(clients), "--nodes",
          String.valueOf(nodes), "--interval-ms", String.valueOf(interval)));
    }

    @Override
    public void start() throws java.io.IOException {
      if (process == null) {
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        control = new java.io.OutputStreamWriter(process.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8);
        counts = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
            java.nio.charset.StandardCharsets.UTF_8));
        return;
      }
      send("go");
    }

    @Override
    public long stop() throws java.io.IOException {
      send("pause");
      String made = counts.readLine();
      if (made == null) {
        throw new IllegalStateException("the clients' process ended early");
      }
      return Long.parseLong(made.strip());
    }

    @Override
    public void close() throws Exception {
      if (process != null) {
        control.close();
        if (process.waitFor() != 0) {
          throw new IllegalStateException("the clients' process ended with " + process.exitValue());
        }
      }
    }

    private void send(String line) throws java.io.IOException {
      control.write(line + "\n");
      control.flush();
    }

    @Override
    public String toString() {
      return clients + " clients poll from another JVM" + (nice == null || nice.isBlank() ? "" : " under nice -n "
          + nice) + " (interval " + interval + " ms)";
    }
  }

  /**
   * {@code --clients-only}: the clients against {@code --url}, polling from the start; the line
   * {@code pause} on standard input stops them and prints how many requests they made, {@code go}
   * starts them again, and anything else (or the end of the input) ends the process.
   */
  private static void clientsOnly(String[] args) throws Exception {
    String token = java.nio.file.Files.readString(Path.of(argument(args, "--token-file", "bench-token"))).strip();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (java.io.BufferedReader in = new java.io.BufferedReader(
          new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line.strip());
        }
      } catch (java.io.IOException e) {
        // a closed input ends them as well
      }
      lines.add("end");
    }, "control");
    reader.setDaemon(true);
    reader.start();
    String url = argument(args, "--url", "http://127.0.0.1:8443");
    int clients = Integer.parseInt(argument(args, "--clients", "100"));
    int nodes = Integer.parseInt(argument(args, "--nodes", "1000"));
    long interval = Long.parseLong(argument(args, "--interval-ms", "1000"));
    while (true) {
      java.util.concurrent.atomic.AtomicBoolean paused = new java.util.concurrent.atomic.AtomicBoolean();
      AtomicLong made = new AtomicLong();
      Thread polling = new Thread(() -> {
        try {
          made.set(load(client, url, token, clients, Duration.ofHours(1), nodes, interval, false, paused::get));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "polling");
      polling.start();
      String line = lines.take();
      paused.set(true);
      polling.join();
      System.out.println(made.get());
      System.out.flush();
      if (!line.equals("pause") || !lines.take().equals("go")) {
        return;
      }
    }
  }

  /** Seconds one backup took. */
  private static double backup(Coffer coffer, BackupOrder order) {
    long started = System.nanoTime();
    coffer.backups().run(order, ProgressListener.NONE, SourceListener.NONE);
    return (System.nanoTime() - started) / 1e9;
  }

  private static long load(HttpClient client, String base, String token, int clients, Duration length, int nodes,
      long interval, boolean report) throws InterruptedException {
    return load(client, base, token, clients, length, nodes, interval, report, () -> false);
  }

  /**
   * The clients for {@code length}, or until {@code stop} says so; prints their figures when {@code report}.
   * Returns how many requests they made.
   */
  private static long load(HttpClient client, String base, String token, int clients, Duration length, int nodes,
      long interval, boolean report, java.util.function.BooleanSupplier stop) throws InterruptedException {
    long end = System.nanoTime() + length.toNanos();
    long serverCpuBefore = serverCpuNanos();
    List<long[]> progress = new ArrayList<>();
    List<long[]> lists = new ArrayList<>();
    int[] progressCount = new int[clients];
    int[] listCount = new int[clients];
    AtomicLong errors = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      long[] p = new long[2_000_000 / clients];
      long[] l = new long[2_000_000 / clients];
      progress.add(p);
      lists.add(l);
      int id = c;
      Thread thread = new Thread(() -> {
        Random random = new Random(id);
        if (interval > 0) {
          // Clients start spread over the interval, as pollers do, not all in the same millisecond:
          // started together, all hundred first requests queued behind each other and were most of
          // the progress poll's p99.
          sleep(random.nextInt((int) interval));
        }
        while (System.nanoTime() < end && !stop.getAsBoolean() && progressCount[id] < p.length
            && listCount[id] < l.length) {
          boolean poll = (progressCount[id] + listCount[id]) % 2 == 0;
          String path = poll ? "/api/v1/databases/node0:db0/backups/progress"
              : "/api/v1/backups?node=node" + random.nextInt(nodes) + "&limit=100";
          long started = System.nanoTime();
          try {
            HttpResponse<String> response = get(client, base + path, token);
            if (response.statusCode() != 200) {
              errors.incrementAndGet();
            }
          } catch (Exception e) {
            errors.incrementAndGet();
          }
          long took = System.nanoTime() - started;
          if (poll) {
            p[progressCount[id]++] = took;
          } else {
            l[listCount[id]++] = took;
          }
          if (interval > 0) {
            sleep(interval);
          }
        }
      }, "client-" + c);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long made = Arrays.stream(progressCount).sum() + Arrays.stream(listCount).sum();
    if (report) {
      long[] all = merge(progress, progressCount, lists, listCount);
      print("both, " + clients + " clients", "all", all, all.length, errors.get());
      long serverCpu = serverCpuNanos() - serverCpuBefore;
      long[] polls = merge(progress, progressCount, List.of(), new int[0]);
      print("progress poll", "GET /api/v1/databases/node0:db0/backups/progress", polls, polls.length, 0);
      long[] listed = merge(List.of(), new int[0], lists, listCount);
      print("backup list", "GET /api/v1/backups?node=X&limit=100", listed, listed.length, 0);
      System.out.printf("server CPU per request (the api-* threads' CPU time / requests, whatever the load): %.2f ms,"
          + " load average now %.1f%n", serverCpu / 1e6 / Math.max(1, all.length),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
    return made;
  }

  /**
   * CPU time of the server's request threads (Jetty's pool is named {@code api}): what a request
   * costs the server, apart from waiting for a CPU on a busy machine.
   */
  private static long serverCpuNanos() {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long total = 0;
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("api")) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(Math.max(0, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long[] merge(List<long[]> a, int[] aCount, List<long[]> b, int[] bCount) {
    int total = Arrays.stream(aCount).sum() + Arrays.stream(bCount).sum();
    long[] all = new long[total];
    int at = 0;
    for (int i = 0; i < a.size(); i++) {
      System.arraycopy(a.get(i), 0, all, at, aCount[i]);
      at += aCount[i];
    }
    for (int i = 0; i < b.size(); i++) {
      System.arraycopy(b.get(i), 0, all, at, bCount[i]);
      at += bCount[i];
    }
    return all;
  }

  private static void print(String what, String requests, long[] nanos, int count, long errors) {
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    System.out.printf("| %s | %s | %d | %d | %.1f | %.1f | %.1f | %.1f |%n", requests, what, count, errors,
        at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
  }

  private static double at(long[] sorted, double quantile) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)]
        / 1e6;
  }

  private static HttpResponse<String> get(HttpClient client, String url, String token) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String argument(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
