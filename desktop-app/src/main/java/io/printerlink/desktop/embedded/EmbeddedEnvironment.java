package io.printerlink.desktop.embedded;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.desktop.core.Credentials;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.Secrets;
import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.RelayServer;
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
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the desktop app runs when no relay is configured: an embedded relay on 127.0.0.1 (port
 * chosen by the OS, loopback agents allowed, data in the given folder, by default
 * {@code ~/.printerlink/embedded-relay}), a demo printer agent beside it, and a local account.
 *
 * <p>Choices: the demo agent's state lives in a fresh folder under the data folder, deleted on
 * close, so the demo printer starts unlinked and in discovery every run. The local account is
 * created fresh each run with a random username and a random password held only in memory (no
 * password file to protect); the account rows from earlier runs stay in the embedded relay's
 * database and are harmless.
 *
 * <p>This is the only class that touches the relay-server and printer-agent modules.
 */
public final class EmbeddedEnvironment implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEnvironment.class);

  public static final String DEMO_NAME = "Demo printer";
  public static final String DEMO_MODEL = "PrinterLink demo";
  private static final int PASSWORD_BYTES = 24;

  /** The lock file in the data folder that one running environment holds (H2 allows one process per file). */
  static final String LOCK_FILE = "in-use.lock";

  /** Another PrinterLink window or command on this computer is running the embedded relay in that folder. */
  public static final class InUseException extends IOException {
    InUseException(Path dataDir) {
      super("another PrinterLink window or command is already running the demo relay in " + dataDir
          + "; close it and try again");
    }
  }

  private final FileLock lock;
  private final RelayServer relay;
  private final PrinterAgent agent;
  private final Path agentState;
  private final Credentials credentials;

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
   * @throws InUseException when another process (or another environment in this one) runs it in {@code dataDir}
   */
  public static EmbeddedEnvironment start(Path dataDir, SecureRandom random) throws Exception {
    Files.createDirectories(dataDir);
    FileLock lock = lock(dataDir);
    RelayServer relay;
    try {
      Path relayData = dataDir.resolve("relay");
      Files.createDirectories(relayData);
      relay = RelayServer.start(
          RelayConfig.builder().port(0).bindHost("127.0.0.1").dataDir(relayData).allowLoopbackAgents(true).build());
    } catch (Exception | Error e) {
      release(lock);
      throw e;
    }
    Path agentState = null;
    PrinterAgent agent = null;
    try {
      agentState = Files.createTempDirectory(dataDir, "demo-agent-");
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
      LOG.info("Embedded relay on {} with a demo printer agent; local account {}", relay.httpUri(), username);
      return new EmbeddedEnvironment(lock, relay, agent, agentState, new Credentials(username, password, true));
    } catch (Exception | Error e) {
      closeQuietly(agent);
      closeQuietly(relay);
      deleteTree(agentState);
      release(lock);
      throw e;
    }
  }

  /**
   * Takes the folder's lock, so a second window or CLI run says plainly that the demo relay is in
   * use instead of failing inside the database ("file is locked").
   */
  private static FileLock lock(Path dataDir) throws IOException {
    FileChannel channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new InUseException(dataDir);
    }
    return lock;
  }

  private static void release(FileLock lock) {
    try {
      lock.channel().close(); // releases the lock
    } catch (IOException e) {
      LOG.debug("releasing the embedded relay's lock: {}", e.toString());
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
    closeQuietly(agent);
    closeQuietly(relay);
    credentials.password().destroy();
    deleteTree(agentState);
    release(lock);
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
