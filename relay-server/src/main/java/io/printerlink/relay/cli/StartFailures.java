package io.printerlink.relay.cli;

import io.printerlink.relay.RelayConfig;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.sql.SQLException;

/**
 * One line an operator can act on for a failure of the relay's command line: the port is taken,
 * another relay holds the database, the data folder cannot be written... instead of the outermost
 * exception's message (often just "Failed to bind" or a file name) or a multi-line H2/Flyway dump.
 */
public final class StartFailures {
  /** H2's "database may be already in use" (another process holds the file). */
  static final int H2_DATABASE_ALREADY_OPEN = 90020;
  /** H2's "the database is read only" (the file or its folder cannot be written). */
  static final int H2_DATABASE_READ_ONLY = 90097;

  private StartFailures() {}

  /** Why {@code serve} could not start: {@code failure} is what {@code RelayServer.start} threw. */
  public static String describe(Throwable failure, RelayConfig config) {
    String listen = config.bindHost() + ":" + config.port();
    String data = config.dataDir().toAbsolutePath().normalize().toString();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException && ((SQLException) t).getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
        return "the relay database in " + data + " is in use by another process: is the relay already running "
            + "(systemctl status printerlink-relay)?";
      }
      if (t instanceof BindException) {
        String why = t.getMessage() == null ? "cannot bind" : t.getMessage();
        String hint = why.contains("in use") ? " (another relay or program listens there; choose another --port)"
            : why.contains("assign") ? " (is " + config.bindHost() + " an address of this machine?)" : "";
        return "cannot listen on " + listen + ": " + why + hint;
      }
      if (t instanceof UnresolvedAddressException) {
        return "cannot listen on " + listen + ": the bind address " + config.bindHost()
            + " does not resolve to an address of this machine";
      }
      if (t instanceof FileSystemException) {
        return "cannot use the data folder " + data + ": " + fileProblem((FileSystemException) t);
      }
    }
    SQLException sql = deepestSql(failure);
    if (sql != null) {
      String db = config.jdbcUrl().orElse(data);
      if (sql.getErrorCode() == H2_DATABASE_READ_ONLY) {
        return "the relay database in " + db + " is read-only: the relay's user must be able to write the data folder "
            + "and relay.mv.db";
      }
      // H2 wraps the real cause (e.g. a refused connection) in its own text: prefer the cause's words.
      String why = sql.getCause() != null ? rootMessage(sql) : firstLine(sql.getMessage());
      return "cannot open the relay database " + db + ": " + why;
    }
    return failure.getCause() == null ? failure.getMessage() : failure.getMessage() + ": " + rootMessage(failure);
  }

  private static SQLException deepestSql(Throwable failure) {
    SQLException found = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        found = (SQLException) t;
      }
    }
    return found;
  }

  private static String firstLine(String m) {
    if (m == null || m.isBlank()) {
      return "unknown error";
    }
    return m.lines().findFirst().orElse(m).replaceFirst(";? ?SQL statement:\\s*$", "").strip();
  }

  /** {@code file: reason} for a file-system failure, the reason in words even when the JDK gives none. */
  public static String fileProblem(FileSystemException e) {
    String reason = e.getReason();
    if (reason == null) {
      reason = e instanceof AccessDeniedException ? "permission denied"
          : e instanceof NoSuchFileException ? "no such file or folder"
          : e instanceof NotDirectoryException ? "not a folder"
          : e instanceof FileAlreadyExistsException ? "already exists (and is not a folder)"
          : "cannot be created or written";
    }
    return e.getFile() + ": " + reason;
  }

  /** The first line of the innermost cause's message (H2 and Flyway add pages of detail below it). */
  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (t instanceof FileSystemException) {
      return fileProblem((FileSystemException) t);
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : firstLine(m);
  }
}
