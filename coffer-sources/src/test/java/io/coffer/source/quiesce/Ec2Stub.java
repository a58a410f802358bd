package io.coffer.source.quiesce;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stub of the EC2 query API, enough for {@link EbsSnapshots}: it records every request's
 * parameters, keeps snapshots in memory (each reports "pending" with growing progress on the first
 * DescribeSnapshots calls, then "completed"), and fails the actions it is told to with EC2's XML
 * error format.
 */
final class Ec2Stub implements AutoCloseable {

  private static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
  final List<Map<String, String>> requests = Collections.synchronizedList(new ArrayList<>());
  final Map<String, Map<String, String>> snapshots = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, String> failures = new TreeMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger describes = new AtomicInteger();
  private final HttpServer server;

  Ec2Stub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Makes {@code action} (for a volume or snapshot id given, or any) answer 400 with this code. */
  void fail(String action, String code) {
    failures.put(action, code);
  }

  /** A snapshot some earlier run left, with its tags. */
  void existing(String id, String volume, Map<String, String> tags) {
    Map<String, String> s = new LinkedHashMap<>(tags);
    s.put("#volume", volume);
    s.put("#state", "completed");
    snapshots.put(id, s);
  }

  List<String> actions() {
    return requests.stream().map(r -> r.get("Action")).toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> p = new TreeMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        p.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    requests.add(p);
    String action = p.get("Action");
    if (failures.containsKey(action)) {
      reply(ex, 400, "<Response><Errors><Error><Code>" + failures.get(action) + "</Code><Message>stub refuses "
          + action + "</Message></Error></Errors><RequestID>r-1</RequestID></Response>");
      return;
    }
    switch (action) {
      case "CreateSnapshot" -> {
        String id = "snap-" + ids.incrementAndGet();
        Map<String, String> s = new LinkedHashMap<>();
        for (int i = 1; p.containsKey("TagSpecification.1.Tag." + i + ".Key"); i++) {
          s.put(p.get("TagSpecification.1.Tag." + i + ".Key"), p.get("TagSpecification.1.Tag." + i + ".Value"));
        }
        s.put("#volume", p.get("VolumeId"));
        s.put("#state", "pending");
        snapshots.put(id, s);
        ok(ex, action, "<snapshotId>" + id + "</snapshotId><volumeId>" + p.get("VolumeId")
            + "</volumeId><status>pending</status><progress></progress>");
      }
      case "DescribeSnapshots" -> {
        int call = describes.incrementAndGet();
        StringBuilder items = new StringBuilder();
        synchronized (snapshots) {
          for (var e : snapshots.entrySet()) {
            Map<String, String> s = e.getValue();
            boolean asked = p.entrySet().stream().anyMatch(x -> x.getKey().startsWith("SnapshotId.")
                && x.getValue().equals(e.getKey()));
            boolean filtered = "tag:coffer:state".equals(p.get("Filter.1.Name"))
                && p.get("Filter.1.Value.1").equals(s.get("coffer:state"));
            if (!asked && !filtered) {
              continue;
            }
            if (asked && s.get("#state").equals("pending") && call >= 3) {
              s.put("#state", "completed");
            }
            items.append("<item><snapshotId>").append(e.getKey()).append("</snapshotId><volumeId>")
                .append(s.get("#volume")).append("</volumeId><status>").append(s.get("#state"))
                .append("</status><progress>").append(s.get("#state").equals("completed") ? "100%" : (call * 30) + "%")
                .append("</progress><tagSet>");
            s.forEach((k, v) -> {
              if (!k.startsWith("#")) {
                items.append("<item><key>").append(k).append("</key><value>").append(v).append("</value></item>");
              }
            });
            items.append("</tagSet></item>");
          }
        }
        ok(ex, action, "<snapshotSet>" + items + "</snapshotSet>");
      }
      case "CreateTags" -> {
        for (int i = 1; p.containsKey("ResourceId." + i); i++) {
          Map<String, String> s = snapshots.get(p.get("ResourceId." + i));
          for (int t = 1; p.containsKey("Tag." + t + ".Key"); t++) {
            s.put(p.get("Tag." + t + ".Key"), p.get("Tag." + t + ".Value"));
          }
        }
        ok(ex, action, "<return>true</return>");
      }
      case "DeleteSnapshot" -> {
        if (snapshots.remove(p.get("SnapshotId")) == null) {
          reply(ex, 400, "<Response><Errors><Error><Code>InvalidSnapshot.NotFound</Code><Message>no such snapshot"
              + "</Message></Error></Errors><RequestID>r-2</RequestID></Response>");
          return;
        }
        ok(ex, action, "<return>true</return>");
      }
      case "CreateVolume" -> ok(ex, action, "<volumeId>vol-new-" + ids.incrementAndGet() + "</volumeId><snapshotId>"
          + p.get("SnapshotId") + "</snapshotId><availabilityZone>" + p.get("AvailabilityZone")
          + "</availabilityZone><status>creating</status>");
      default -> reply(ex, 400, "<Response><Errors><Error><Code>InvalidAction</Code><Message>" + action
          + "</Message></Error></Errors><RequestID>r-3</RequestID></Response>");
    }
  }

  private static void ok(HttpExchange ex, String action, String inner) throws IOException {
    reply(ex, 200, "<" + action + "Response xmlns=\"" + NS + "\"><requestId>r-0</requestId>" + inner + "</" + action
        + "Response>");
  }

  private static void reply(HttpExchange ex, int status, String xml) throws IOException {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
