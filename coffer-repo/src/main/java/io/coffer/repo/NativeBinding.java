package io.coffer.repo;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import org.slf4j.LoggerFactory;

/**
 * Binds a class's native methods to a system library through JNA's direct mapping, for what Coffer
 * takes from the system where it can: the key derivation, AES-GCM and the blob ids' HMAC ({@code
 * crypto}), a restored file's attributes and the advice that reads a backup's files ahead ({@code
 * tree}).
 */
public final class NativeBinding {

  private NativeBinding() {}

  /**
   * Registers {@code owner}'s native methods with {@code library} (a soname, which dlopen finds
   * without the development symlink), unless the system property {@code property} is {@code java}.
   * False where the library is missing or lacks a function, or JNA cannot load (its dispatch library
   * not unpacked or loaded: an error of its class initialiser, then NoClassDefFoundError); the caller
   * then does the work in Java.
   */
  public static boolean register(Class<?> owner, String library, String property) {
    if ("java".equals(System.getProperty(property))) {
      return false;
    }
    try {
      Native.register(owner, NativeLibrary.getInstance(library));
      return true;
    } catch (LinkageError | RuntimeException e) {
      // The logger is asked for only here: the binding may run on a thread of its own while the main
      // thread starts, and a logger asked for there would initialise SLF4J beside the main thread's
      // (which made SLF4J print a replay warning on standard error).
      LoggerFactory.getLogger(owner).debug("{} not bound ({}); the work is done in Java", library, e.toString());
      return false;
    }
  }
}
