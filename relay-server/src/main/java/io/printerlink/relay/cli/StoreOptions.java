package io.printerlink.relay.cli;

import io.printerlink.relay.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import picocli.CommandLine.Option;

/**
 * Which database an admin command works on, and opening it. H2 in file mode lets one process
 * hold the file: while the relay runs, admin commands refuse with a clear message instead of
 * waiting or corrupting anything (choice documented in docs/operations.md). With
 * {@code --jdbc-url jdbc:h2:tcp://...} (the relay on an H2 server) they work while it runs.
 */
public final class StoreOptions {
  /** H2's "database may be already in use" (another process holds the file). */
  static final int H2_DATABASE_ALREADY_OPEN = 90020;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "./relay-data",
      description = "The relay's data folder. Default: ${DEFAULT-VALUE}")
  Path data;

  @Option(names = "--jdbc-url", paramLabel = "URL", description = "H2 JDBC URL instead of the file in --data.")
  String jdbcUrl;

  /**
   * Opens and migrates the database.
   *
   * @param create make a new database when the data folder has none (the first {@code users add}
   *     on a new server); {@code notices} then says where. Otherwise a missing database is refused,
   *     so a mistyped {@code --data} is not mistaken for an empty relay.
   * @throws AdminException when there is none at the default place, or the relay holds it
   */
  Database open(boolean create, java.io.PrintWriter notices) throws AdminException {
    if (jdbcUrl == null && !Files.exists(data.resolve("relay.mv.db"))) {
      if (!create) {
        throw new AdminException("no relay database in " + data.toAbsolutePath().normalize() + " (check --data)");
      }
      notices.println("relay: no relay database in " + data.toAbsolutePath().normalize() + " yet: creating one");
    }
    Database db;
    try {
      db = new Database(data, jdbcUrl);
    } catch (IllegalArgumentException e) {
      throw new AdminException("--jdbc-url: " + e.getMessage());
    }
    try {
      db.start();
      return db;
    } catch (Exception e) {
      if (errorCode(e) == H2_DATABASE_ALREADY_OPEN) {
        throw new AdminException("relay is running on " + data.toAbsolutePath().normalize()
            + " (its database is in use); stop it first (e.g. systemctl stop printerlink-relay), "
            + "or run the relay on an H2 server URL (--jdbc-url jdbc:h2:tcp://...) to administer it while it runs");
      }
      throw new AdminException("cannot open the relay database: " + StartFailures.rootMessage(e));
    }
  }

  static int errorCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException && ((SQLException) t).getErrorCode() != 0) {
        return ((SQLException) t).getErrorCode();
      }
    }
    return 0;
  }
}
