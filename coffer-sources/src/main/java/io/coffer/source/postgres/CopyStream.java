package io.coffer.source.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * The data of one {@code COPY … FROM STDIN} as an OutputStream: each write is one CopyData message
 * sent from the caller's array. Why: the driver's {@code copyIn(sql, InputStream, size)} reads the
 * stream into a buffer of its own and sends from there, one more copy of every restored byte; fed by
 * {@link InputStream#transferTo}, a volume's stream hands over its decoded segments as they are.
 */
final class CopyStream extends OutputStream {

  private final CopyIn copy;

  private CopyStream(CopyIn copy) {
    this.copy = copy;
  }

  /** Runs {@code sql} (a COPY from STDIN) with the whole of {@code in} as its data; the rows loaded. */
  static long load(CopyManager manager, String sql, InputStream in) throws SQLException, IOException {
    CopyIn copy = manager.copyIn(sql);
    try {
      in.transferTo(new CopyStream(copy));
      return copy.endCopy();
    } catch (WrappedSql e) {
      throw e.sql;
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return;
    }
    try {
      copy.writeToCopy(b, off, len);
    } catch (SQLException e) {
      throw new WrappedSql(e);
    }
  }

  /** Carries the server's error through transferTo, which throws only IOException. */
  private static final class WrappedSql extends IOException {
    private static final long serialVersionUID = 1L;
    final transient SQLException sql;

    WrappedSql(SQLException sql) {
      super(sql.getMessage(), sql);
      this.sql = sql;
    }
  }
}
