package io.coffer.repo.tree;

import io.coffer.repo.manifest.Tree;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Owner and group of files, by number and by name. Backing up, each number is turned into its name
 * once (the system's user database is read on every lookup). Restoring, a name that exists on this
 * host wins over the number, as tar does: a database's system user often has another uid elsewhere.
 * Thread-safe: a restore's writer threads share one instance per tree.
 */
public final class Owners {

  /**
   * The number inside the JDK's principal of a user or group ({@code sun.nio.fs.UnixUserPrincipals.User},
   * whose {@code uid()} and {@code gid()} are package-private), for {@link #ids}: null where the
   * package is not opened to Coffer (see {@link UnixAttributes}) or the JDK has no such methods.
   */
  private static final MethodHandle UID = principalNumber("uid");
  private static final MethodHandle GID = principalNumber("gid");

  private final Map<Integer, Optional<String>> users = new ConcurrentHashMap<>();
  private final Map<Integer, Optional<String>> groups = new ConcurrentHashMap<>();
  private final Map<String, Optional<UserPrincipal>> userPrincipals = new ConcurrentHashMap<>();
  private final Map<String, Optional<GroupPrincipal>> groupPrincipals = new ConcurrentHashMap<>();
  private final UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();

  /** The owner of a file that was just stat'ed, with names looked up once per number. */
  public Tree.Owner of(Path path, FileStat stat) throws IOException {
    if (!users.containsKey(stat.uid()) || !groups.containsKey(stat.gid())) {
      PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      users.putIfAbsent(stat.uid(), name(a.owner().getName(), stat.uid()));
      groups.putIfAbsent(stat.gid(), name(a.group().getName(), stat.gid()));
    }
    return new Tree.Owner(stat.uid(), stat.gid(), users.get(stat.uid()).orElse(null),
        groups.get(stat.gid()).orElse(null));
  }

  /** The JDK gives the number as the name when the system has none. */
  private static Optional<String> name(String name, int id) {
    return name.equals(Integer.toString(id)) ? Optional.empty() : Optional.of(name);
  }

  /** Gives {@code path} (not a symlink's target) the recorded owner: by name when known here, else by number. */
  public void apply(Path path, Tree.Owner owner) throws IOException {
    Optional<UserPrincipal> user = owner.user() == null ? Optional.empty()
        : userPrincipals.computeIfAbsent(owner.user(), this::user);
    Optional<GroupPrincipal> group = owner.group() == null ? Optional.empty()
        : groupPrincipals.computeIfAbsent(owner.group(), this::group);
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    if (user.isPresent()) {
      view.setOwner(user.get());
    } else {
      Files.setAttribute(path, "unix:uid", owner.uid(), LinkOption.NOFOLLOW_LINKS);
    }
    if (group.isPresent()) {
      view.setGroup(group.get());
    } else {
      Files.setAttribute(path, "unix:gid", owner.gid(), LinkOption.NOFOLLOW_LINKS);
    }
  }

  /**
   * The user and group numbers {@link #apply} would give a file of {@code owner}: this host's for
   * the recorded names when it has them, else the recorded numbers; null where names cannot be
   * turned into numbers in this JVM (the caller then uses {@link #apply}).
   */
  public int[] ids(Tree.Owner owner) {
    if (UID == null || GID == null) {
      return null;
    }
    Optional<UserPrincipal> user = owner.user() == null ? Optional.empty()
        : userPrincipals.computeIfAbsent(owner.user(), this::user);
    Optional<GroupPrincipal> group = owner.group() == null ? Optional.empty()
        : groupPrincipals.computeIfAbsent(owner.group(), this::group);
    try {
      int uid = user.isPresent() ? (int) UID.invokeExact((Object) user.get()) : owner.uid();
      int gid = group.isPresent() ? (int) GID.invokeExact((Object) group.get()) : owner.gid();
      return new int[] {uid, gid};
    } catch (ClassCastException e) {
      return null; // a principal of another provider
    } catch (Throwable e) {
      throw new IllegalStateException("reading a principal's number", e);
    }
  }

  private static MethodHandle principalNumber(String accessor) {
    try {
      return UnixAttributes.accessor(Class.forName("sun.nio.fs.UnixUserPrincipals$User"), accessor, int.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private Optional<UserPrincipal> user(String name) {
    try {
      return Optional.of(lookup.lookupPrincipalByName(name));
    } catch (UserPrincipalNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Optional<GroupPrincipal> group(String name) {
    try {
      return Optional.of(lookup.lookupPrincipalByGroupName(name));
    } catch (UserPrincipalNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** True when this process may give files away (it runs as root). */
  public static boolean canChown() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }
}
