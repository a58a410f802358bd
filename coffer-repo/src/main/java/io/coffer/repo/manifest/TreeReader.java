package io.coffer.repo.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a tree blob's JSON with Jackson's streaming parser, field by field, into {@link Tree}.
 *
 * <p>Why not the object mapper: a level backup of an unchanged directory tree reads every tree of its
 * parent (30,204 nodes for the benchmark's 2 GB of files), and a restore every tree of its backup, in
 * a fresh JVM each time; the mapper's record deserializers are built by reflection and run through
 * generic code, a seventh of the main thread's time in a cold unchanged level 1 (docs/benchmarks.md,
 * "Trees read without the object mapper"). Reads what the mapper reads, the same way: unknown fields
 * are skipped (forward compatible), absent or null fields are null (numbers of an owner or inode 0),
 * and the mapper still writes trees (TreeReaderTest holds the two to the same records).
 */
public final class TreeReader {

  private static final JsonFactory JSON = new JsonFactory();

  private TreeReader() {}

  /** The tree in {@code json}; malformed JSON or a value of the wrong kind throws IOException. */
  public static Tree read(byte[] json) throws IOException {
    try (JsonParser p = JSON.createParser(json)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, p);
      List<Tree.Node> nodes = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("nodes") && value != JsonToken.VALUE_NULL) {
          nodes = nodes(p, value);
        } else {
          p.skipChildren();
        }
      }
      return new Tree(nodes);
    }
  }

  private static List<Tree.Node> nodes(JsonParser p, JsonToken start) throws IOException {
    expect(start, JsonToken.START_ARRAY, p);
    List<Tree.Node> nodes = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      nodes.add(node(p, t));
    }
    return nodes;
  }

  private static Tree.Node node(JsonParser p, JsonToken start) throws IOException {
    expect(start, JsonToken.START_OBJECT, p);
    String name = null;
    String type = null;
    Integer mode = null;
    String mtime = null;
    Long size = null;
    Content content = null;
    String subtree = null;
    String target = null;
    Tree.Owner owner = null;
    Tree.Inode inode = null;
    Boolean sparse = null;
    Map<String, String> xattrs = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      if (p.nextToken() == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "name" -> name = text(p);
        case "type" -> type = text(p);
        case "mode" -> mode = p.getIntValue();
        case "mtime" -> mtime = text(p);
        case "size" -> size = p.getLongValue();
        case "content" -> content = content(p);
        case "subtree" -> subtree = text(p);
        case "target" -> target = text(p);
        case "owner" -> owner = owner(p);
        case "inode" -> inode = inode(p);
        case "sparse" -> sparse = p.getBooleanValue();
        case "xattrs" -> xattrs = strings(p);
        default -> p.skipChildren();
      }
    }
    return new Tree.Node(name, type, mode, mtime, size, content, subtree, target, owner, inode, sparse, xattrs);
  }

  private static Content content(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT, p);
    List<String> ids = null;
    List<String> lists = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      if (p.nextToken() == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "ids" -> ids = texts(p);
        case "lists" -> lists = texts(p);
        default -> p.skipChildren();
      }
    }
    return new Content(ids, lists);
  }

  private static Tree.Owner owner(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT, p);
    int uid = 0;
    int gid = 0;
    String user = null;
    String group = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      if (p.nextToken() == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "uid" -> uid = p.getIntValue();
        case "gid" -> gid = p.getIntValue();
        case "user" -> user = text(p);
        case "group" -> group = text(p);
        default -> p.skipChildren();
      }
    }
    return new Tree.Owner(uid, gid, user, group);
  }

  private static Tree.Inode inode(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT, p);
    long device = 0;
    long number = 0;
    int links = 0;
    String ctime = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      if (p.nextToken() == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "device" -> device = p.getLongValue();
        case "number" -> number = p.getLongValue();
        case "links" -> links = p.getIntValue();
        case "ctime" -> ctime = text(p);
        default -> p.skipChildren();
      }
    }
    return new Tree.Inode(device, number, links, ctime);
  }

  private static List<String> texts(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY, p);
    List<String> out = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      out.add(t == JsonToken.VALUE_NULL ? null : text(p));
    }
    return out;
  }

  private static Map<String, String> strings(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT, p);
    Map<String, String> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      out.put(key, text(p));
    }
    return out;
  }

  /** A string value; anything else is refused (the mapper coerces scalars, no writer of trees does). */
  private static String text(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw new IOException("expected a string at " + p.currentLocation() + ", found " + p.currentToken());
    }
    return p.getText();
  }

  private static void expect(JsonToken actual, JsonToken expected, JsonParser p) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " at " + p.currentLocation() + ", found " + actual);
    }
  }
}
