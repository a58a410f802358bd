package io.coffer.source;

import java.util.List;

/** The child processes of this test JVM, to prove a failed operation left none behind. */
public final class Children {

  private Children() {}

  public static List<String> named(String executable) {
    return ProcessHandle.current().descendants()
        .filter(ProcessHandle::isAlive)
        .map(p -> p.info().command().orElse(""))
        .filter(c -> c.endsWith("/" + executable))
        .toList();
  }

  /** Kills the live children running the executable whose arguments contain the marker. */
  public static int kill(String executable, String argumentMarker) {
    int killed = 0;
    for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
      ProcessHandle.Info info = p.info();
      boolean match = info.command().orElse("").endsWith("/" + executable)
          && List.of(info.arguments().orElse(new String[0])).stream().anyMatch(a -> a.contains(argumentMarker));
      if (match && p.destroyForcibly()) {
        killed++;
      }
    }
    return killed;
  }
}
