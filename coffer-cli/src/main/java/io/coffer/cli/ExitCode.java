package io.coffer.cli;

/** The exit codes of every coffer command. */
public final class ExitCode {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  /**
   * {@code check} ran to its end and found damage; a verification found the restored contents
   * different from the backup's record, or could not verify a backup that itself succeeded;
   * retention left backups that were due to go (their volume was in use, or something came to
   * depend on them).
   */
  public static final int DAMAGE = 3;

  private ExitCode() {}
}
