package io.coffer.repo.tree;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * An {@code lstat} read from the JDK's own result object instead of its attribute map: the fast path
 * of {@link FileStat#of}.
 *
 * <p>Why: the "unix:…" attribute read splits the attribute list, fills a hash map of twelve boxed
 * values and copies it for every path; in a fresh JVM that was half the time of the stats of an
 * unchanged FILES level (30,500 paths: 370 ms against 205 ms; docs/benchmarks.md). The POSIX view
 * already returns the JDK's {@code sun.nio.fs.UnixFileAttributes}, whose package-private accessors
 * (mode, ino, dev, nlink, uid, gid, ctime) are the very methods the map is filled from, so both paths
 * give the same values by construction (and {@code FileStatTest} compares them).
 *
 * <p>Reaching those accessors needs {@code java.base/sun.nio.fs} opened to Coffer: the jar's
 * manifest opens it ({@code Add-Opens}, honoured by {@code java -jar}), the tests' JVMs by their
 * command line. Anywhere else (another launcher, a JDK without that class or those methods, a path
 * of another file system) {@link #available()} is false or {@link #read} returns null, and the
 * attribute map is used as before.
 */
final class UnixAttributes {

  private static final Class<?> TYPE;
  private static final MethodHandle MODE;
  private static final MethodHandle INO;
  private static final MethodHandle DEV;
  private static final MethodHandle NLINK;
  private static final MethodHandle UID;
  private static final MethodHandle GID;
  private static final MethodHandle CTIME;

  static {
    Class<?> type = null;
    MethodHandle[] handles = new MethodHandle[7];
    try {
      type = Class.forName("sun.nio.fs.UnixFileAttributes");
      handles[0] = accessor(type, "mode", int.class);
      handles[1] = accessor(type, "ino", long.class);
      handles[2] = accessor(type, "dev", long.class);
      handles[3] = accessor(type, "nlink", int.class);
      handles[4] = accessor(type, "uid", int.class);
      handles[5] = accessor(type, "gid", int.class);
      handles[6] = accessor(type, "ctime", FileTime.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Not opened to us (IllegalAccessException), or not this JDK's class: the map it is.
      type = null;
    }
    TYPE = type;
    MODE = handles[0];
    INO = handles[1];
    DEV = handles[2];
    NLINK = handles[3];
    UID = handles[4];
    GID = handles[5];
    CTIME = handles[6];
  }

  private UnixAttributes() {}

  /**
   * A package-private accessor {@code name} of a {@code sun.nio.fs} class, taking the object as an
   * Object; fails where the package is not opened to Coffer or the JDK has no such method. {@link
   * Owners} reads the JDK's principals' numbers this way too.
   */
  static MethodHandle accessor(Class<?> type, String name, Class<?> result) throws ReflectiveOperationException {
    return MethodHandles.privateLookupIn(type, MethodHandles.lookup())
        .findVirtual(type, name, MethodType.methodType(result))
        .asType(MethodType.methodType(result, Object.class));
  }

  /** Whether this JVM lets Coffer read the JDK's lstat result directly. */
  static boolean available() {
    return TYPE != null;
  }

  /** The lstat of {@code path}, or null when it cannot be read this way (see the class comment). */
  static FileStat read(Path path) throws IOException {
    if (TYPE == null) {
      return null;
    }
    PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!TYPE.isInstance(a)) {
      return null;
    }
    Object o = a;
    try {
      int mode = (int) MODE.invokeExact(o);
      return new FileStat(FileStat.type(mode), a.size(), a.lastModifiedTime(), (FileTime) CTIME.invokeExact(o),
          (long) DEV.invokeExact(o), (long) INO.invokeExact(o), (int) NLINK.invokeExact(o),
          (int) UID.invokeExact(o), (int) GID.invokeExact(o), mode & 07777);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      // The accessors declare nothing; a checked throwable here would be a JDK defect.
      throw new IllegalStateException("reading the attributes of " + path, t);
    }
  }
}
