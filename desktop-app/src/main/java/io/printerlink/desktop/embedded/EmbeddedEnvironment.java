package io.printerlink.desktop.embedded;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.desktop.core.Credentials;
import io.printerlink.protocol.FileProblems;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.Secrets;
import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.RelayServer;
import io.printerlink.relay.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the desktop app runs when no relay is configured: an embedded relay on 127.0.0.1 (port
 * chosen by the OS, loopback agents allowed, data in the given folder, by default
 * {@code ~/.printerlink/embedded-relay}), a demo printer agent beside it, and a local account.
 *
 * <p>Choices: the demo agent's state lives in a fresh folder under the data folder, deleted on
 * close (and by a shutdown hook when Ctrl-C or {@code kill} ends the process first), so the demo
 * printer starts unlinked and in discovery every run. The local account is
 * created fresh each run with a random username and a random password held only in memory (no
 * password file to protect); the account rows from earlier runs stay in the embedded relay's
 * database and are harmless.
 *
 * <p>This is the only class that touches the relay-server and printer-agent modules.
 */
public final class EmbeddedEnvironment implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEnvironment.class);

  public static final String DEMO_NAME = "Demo printer";
  private static final String DEMO_AGENT_PREFIX = "demo-agent-";
  public static final String DEMO_MODEL = "PrinterLink demo";
  private static final int PASSWORD_BYTES = 24;
  /** H2's error code for a database file held by another process. */
  private static final int H2_DATABASE_ALREADY_OPEN = 90020;

  /** The lock file in the data folder that one running environment holds (H2 allows one process per file). */
  static final String LOCK_FILE = "in-use.lock";

  private final FileLock lock;
  private final RelayServer relay;
  private final PrinterAgent agent;
  private final Path agentState;
  private final Credentials credentials;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook = new Thread(this::close, "embedded-environment-shutdown");

  private EmbeddedEnvironment(FileLock lock, RelayServer relay, PrinterAgent agent, Path agentState, Credentials credentials) {
    this.lock = lock;
    this.relay = relay;
    this.agent = agent;
    this.agentState = agentState;
    this.credentials = credentials;
  }

  /** The default data folder, {@code ~/.printerlink/embedded-relay}. */
  public static Path defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".printerlink", "embedded-relay");
  }

  /**
   * Starts relay and demo agent.
   *
   * @param dataDir the embedded relay's data folder (made if missing)
   * @param random source for the local account's username and password
   */
  public static EmbeddedEnvironment start(Path dataDir, SecureRandom random) throws Exception {
    Path relayData = dataDir.resolve("relay");
    if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      throw new StartException("cannot use the data folder " + dataDir + ": " + dataDir + " exists and is not a folder");
    }
    try {
      Files.createDirectories(relayData);
    } catch (IOException e) {
      throw new StartException("cannot use the data folder " + dataDir + ": " + FileProblems.reason(e));
    }
    FileLock lock = lock(dataDir);
    RelayServer relay;
    try {
      // Database.fileUrl keeps H2's own exit hook from closing the database: the hook below closes
      // the relay, which must still reach its database while it drains and stops.
      relay = RelayServer.start(
          RelayConfig.builder().port(0).bindHost("127.0.0.1").dataDir(relayData).allowLoopbackAgents(true)
              .jdbcUrl(Database.fileUrl(relayData)).build());
    } catch (RuntimeException e) {
      release(lock);
      if (databaseInUse(e)) {
        throw new InUseException(dataDir);
      }
      throw e;
    } catch (Error e) {
      release(lock);
      throw e;
    }
    Path agentState = null;
    PrinterAgent agent = null;
    try {
      deleteLeftoverDemoAgents(dataDir);
      agentState = Files.createTempDirectory(dataDir, DEMO_AGENT_PREFIX);
      agent =
          PrinterAgent.start(
              AgentConfig.builder()
                  .relayUri(relay.httpUri())
                  .port(0)
                  .bindHost("127.0.0.1")
                  .stateDir(agentState)
                  .name(DEMO_NAME)
                  .model(DEMO_MODEL)
                  .advertiseHost("127.0.0.1")
                  .build());
      byte[] id = new byte[6];
      random.nextBytes(id);
      String username = "local-" + HexFormat.of().formatHex(id);
      Secret password = Secrets.newToken(random);
      EmbeddedEnvironment env =
          new EmbeddedEnvironment(lock, relay, agent, agentState, new Credentials(username, password, true));
      env.registerShutdownHook();
      LOG.info("Embedded relay on {} with a demo printer agent; local account {}", relay.httpUri(), username);
      return env;
    } catch (Exception | Error e) {
      closeQuietly(agent);
      closeQuietly(relay);
      deleteTree(agentState);
      release(lock);
      throw e;
    }
  }

  /** The embedded relay's base URL ({@code http://127.0.0.1:<port>/}). */
  public URI relayUri() {
    return relay.httpUri();
  }

  /** The local account to create and use (a new one each run). */
  public Credentials credentials() {
    return credentials;
  }

  public PrinterAgent agent() {
    return agent;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs close() too, which now returns at once
      }
    }
    closeQuietly(agent);
    closeQuietly(relay);
    credentials.password().destroy();
    deleteTree(agentState);
    release(lock);
  }

  /**
   * Ctrl-C or a plain {@code kill} ends the JVM without {@link #close()}: the hook still stops the
   * demo agent and the relay (so the database closes cleanly) and deletes the demo agent's state
   * folder, printer token included, as promised for every exit.
   */
  private void registerShutdownHook() {
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** A start that failed for a reason the user can act on; the message says what to do. */
  public static class StartException extends Exception {
    private static final long serialVersionUID = 1L;

    StartException(String message) {
      super(message, null, false, false);
    }
  }

  /** Another PrinterLink window or command on this computer runs the embedded relay in that folder. */
  public static final class InUseException extends StartException {
    private static final long serialVersionUID = 1L;

    InUseException(Path dataDir) {
      super("the data folder " + dataDir + " is in use by another PrinterLink app on this computer"
          + " (the wizard or the command line): close it first, or use another data folder");
    }
  }

  /**
   * Takes the folder's lock, so a second window or CLI run, in this process or another, is told
   * plainly that the demo relay is in use instead of failing inside the database.
   */
  private static FileLock lock(Path dataDir) throws StartException {
    FileChannel channel;
    try {
      channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StartException("cannot use the data folder " + dataDir + ": " + FileProblems.reason(e));
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      closeChannel(channel);
      throw new StartException("cannot use the data folder " + dataDir + ": " + FileProblems.reason(e));
    }
    if (lock == null) {
      closeChannel(channel);
      throw new InUseException(dataDir);
    }
    return lock;
  }

  private static void release(FileLock lock) {
    closeChannel(lock.channel()); // closing the channel releases the lock
  }

  private static void closeChannel(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing the embedded relay's lock file: {}", e.toString());
    }
  }

  /** H2's "database may be already in use": another process holds the relay's database file. */
  private static boolean databaseInUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException && ((SQLException) t).getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
        return true;
      }
    }
    return false;
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.debug("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
  }

  /**
   * Demo-agent folders an earlier run could not delete (the process was killed with
   * {@code kill -9} or the machine lost power). We hold the data folder's lock, so none is in use.
   */
  private static void deleteLeftoverDemoAgents(Path dataDir) throws IOException {
    try (Stream<Path> entries = Files.list(dataDir)) {
      for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(DEMO_AGENT_PREFIX)).toList()) {
        LOG.info("deleting the demo printer's folder {} left by an earlier run", p.getFileName());
        deleteTree(p);
      }
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("could not delete the demo agent's state folder: {}", e.toString());
    }
  }
}
