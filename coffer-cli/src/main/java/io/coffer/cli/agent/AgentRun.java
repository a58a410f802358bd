package io.coffer.cli.agent;

import io.coffer.cli.ExitCode;
import io.coffer.cli.server.ServerOptions;
import io.coffer.cli.session.EngineCommand;
import io.coffer.engine.Coffer;
import io.coffer.engine.agent.AgentDaemon;
import io.coffer.server.ApiServer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coffer agent run}: the agent of this host in the foreground (systemd runs it; see
 * packaging/). SIGTERM stops it cleanly within {@code agent.grace-period}; SIGHUP reads the
 * definitions again.
 */
@Command(name = "run", description = {"Run this host's agent in the foreground until it is stopped.",
    "It carries out definitions on their schedule, one-offs, scheduled restores and queued jobs, and logs to stderr.",
    "With --listen (or --insecure-http) it also serves the administration API, as coffer server does.",
    "SIGTERM lets running jobs finish within agent.grace-period, then aborts them; SIGHUP reloads."})
final class AgentRun extends EngineCommand {

  private static final Logger LOG = LoggerFactory.getLogger(AgentRun.class);

  @Option(names = "--log-json", description = "Log one JSON object per line instead of text.")
  boolean logJson;

  @Mixin ServerOptions api;

  @Option(names = "--exit-when-idle", description = "Stop once nothing is due, queued or running for this agent"
      + " (for a one-off run from cron or a demo).")
  boolean exitWhenIdle;

  @Override
  protected int run(Coffer coffer) {
    AgentLogging.configure(logJson);
    AgentDaemon daemon = coffer.agentDaemon(Clock.systemDefaultZone(), version());
    CountDownLatch stopped = new CountDownLatch(1);
    Duration grace = coffer.config().operation().gracePeriod();
    // The API, when asked for, starts first (a bad --listen fails before the agent does anything) and
    // stops first, so that no request is cut off by the agent's stop.
    ApiServer server = api.given() ? ApiServer.start(coffer, api.settings(coffer.config())) : null;
    if (server != null) {
      ServerOptions.announce(server, err());
    }
    Thread hook = new Thread(() -> {
      if (server != null) {
        server.close();
      }
      daemon.stop(grace);
      stopped.countDown();
    }, "agent-stop");
    daemon.start();
    onHangUp(daemon);
    Runtime.getRuntime().addShutdownHook(hook);
    if (!exitWhenIdle) {
      await(stopped);
      return ExitCode.OK;
    }
    while (!daemon.idle()) {
      sleep(coffer.config().operation().poll().toMillis());
    }
    Runtime.getRuntime().removeShutdownHook(hook);
    if (server != null) {
      server.close();
    }
    daemon.stop(grace);
    return daemon.failed() == 0 ? ExitCode.OK : ExitCode.FAILURE;
  }

  private static String version() {
    String v = AgentRun.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * SIGHUP makes the agent read its definitions again. The JDK has no public signal API; the
   * handler is installed reflectively so that a JVM without {@code sun.misc.Signal} still runs the
   * agent (it then notices catalog changes by itself, every heartbeat).
   */
  private static void onHangUp(AgentDaemon daemon) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      InvocationHandler reload = (proxy, method, args) -> {
        if (method.getName().equals("handle")) {
          LOG.info("SIGHUP: reloading definitions");
          daemon.reload();
        }
        return null;
      };
      Object proxy = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, reload);
      Object previous = signal.getMethod("handle", signal, handler)
          .invoke(null, signal.getConstructor(String.class).newInstance("HUP"), proxy);
      // A process started with SIGHUP ignored (nohup) keeps ignoring it: the JVM installs no handler
      // and answers SIG_IGN, so a reload asked for by SIGHUP would silently never come.
      if (previous == handler.getField("SIG_IGN").get(null)) {
        LOG.warn("SIGHUP is ignored by this process (started under nohup?), so it cannot make the agent reload;"
            + " catalog changes are still noticed every heartbeat");
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("SIGHUP cannot be handled on this JVM ({}); catalog changes are still noticed", e.toString());
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
