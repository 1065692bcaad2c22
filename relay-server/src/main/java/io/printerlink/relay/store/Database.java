package io.printerlink.relay.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The relay's H2 file database: a small connection pool, migrated by Flyway on start and
 * disposed on stop. A Jetty lifecycle bean, so it stops with the server.
 */
public final class Database extends AbstractLifeCycle {
  private static final int MAX_CONNECTIONS = 16;

  private final Path dataDir;
  private final String url;
  private volatile JdbcConnectionPool pool;

  public Database(Path dataDir) {
    this(dataDir, null);
  }

  /**
   * @param jdbcUrl an H2 URL to use instead of the file in {@code dataDir} (null: that file)
   */
  public Database(Path dataDir, String jdbcUrl) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException("only H2 JDBC URLs (jdbc:h2:...) are supported");
    }
    this.url = jdbcUrl != null ? jdbcUrl : fileUrl(this.dataDir);
  }

  /**
   * The default database: the H2 file {@code relay} in the data folder (see {@link #writeEveryCommit}).
   * {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own JVM shutdown hook would otherwise close the database
   * while the relay's graceful stop (its shutdown grace, then the timers) still uses it; the relay
   * closes it itself, last ({@link #doStop}). H2 accepts the same setting given twice with the same
   * value, so a caller that appends it again still gets a valid URL. {@code TRACE_LEVEL_FILE=0}: no
   * {@code relay.trace.db} beside the database (H2 wrote stack traces there, e.g. when an admin
   * command found the file locked by the running relay); failures reach the relay's own log.
   */
  public static String fileUrl(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("relay") + ";DB_CLOSE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0";
  }

  @Override
  protected void doStart() throws Exception {
    if (url.startsWith("jdbc:h2:file:") && !Files.isDirectory(dataDir)) {
      // Password hashes and the audit log live here: owner-only, like the agent's state folder
      // (an existing folder, e.g. one systemd made, keeps its mode).
      if (dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectories(dataDir,
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dataDir);
      }
    }
    JdbcConnectionPool p = JdbcConnectionPool.create(url, "relay", "");
    p.setMaxConnections(MAX_CONNECTIONS);
    Flyway.configure().dataSource(p).locations("classpath:db/migration").load().migrate();
    writeEveryCommit(p);
    pool = p;
  }

  /**
   * H2 writes commits to its file in the background every 500 ms by default, so a relay process
   * that dies (SIGKILL, the OOM killer, a JVM crash) loses what it had already answered for:
   * a sign-out or unlink (the token works again, T16), a redeemed code (usable twice, T10), the
   * VERIFIED request and PENDING printer that start-up recovery must clean up (T12). With a write
   * delay of 0 every commit reaches the file before the caller is answered. Set here rather than in
   * the URL so that it holds for a {@code --jdbc-url} too. The relay commits little (presence is in
   * memory), so the cost is small.
   */
  private static void writeEveryCommit(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
      st.execute("SET WRITE_DELAY 0");
    }
  }

  @Override
  protected void doStop() {
    JdbcConnectionPool p = pool;
    pool = null;
    if (p != null) {
      p.dispose();
    }
  }

  public DataSource dataSource() {
    JdbcConnectionPool p = pool;
    if (p == null) {
      throw new StoreStoppedException();
    }
    return p;
  }

  /** H2 online backup: a consistent zip of the whole database, written while it keeps serving. */
  public void backupTo(Path zip) {
    String target = zip.toAbsolutePath().normalize().toString();
    try (Connection c = dataSource().getConnection();
        java.sql.PreparedStatement ps = c.prepareStatement("BACKUP TO ?")) {
      ps.setString(1, target);
      ps.execute();
    } catch (SQLException e) {
      throw new StoreException("backup to " + target + " failed", e);
    }
  }

  /** Runs {@code work} in one transaction; rolls back on any failure. */
  public <T> T inTransaction(SqlWork<T> work) {
    try (Connection c = dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      if (pool == null) {
        throw new StoreStoppedException(); // the pool was disposed under this request by the relay's stop
      }
      throw new StoreException("database operation failed", e);
    }
  }

  /** Work against one connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }
}
