package io.printerlink.desktop.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.state.TokenStore;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.RelayServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The walking skeleton end to end: a relay, a printer agent and the client's linking core,
 * started as separate components on ephemeral ports (real Jetty, real H2 file, real
 * WebSockets), link the agent; then the evidence is read from where each party keeps it — the
 * relay's database file, the agent's state folder, and every log line written at DEBUG.
 */
class EndToEndLinkTest {
  @TempDir Path relayData;
  @TempDir Path agentState;

  private final SecureRandom random = new SecureRandom();
  private final CapturingAppender logs = new CapturingAppender();
  private Level rootLevel;
  private RelayServer relay;
  private PrinterAgent agent;
  private CoreClients clients;
  private ExecutorService executor;

  @BeforeEach
  void start() throws Exception {
    Logger root = rootLogger();
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    logs.setContext(root.getLoggerContext());
    logs.start();
    root.addAppender(logs);

    relay = RelayServer.start(
        RelayConfig.builder().port(0).bindHost("127.0.0.1").dataDir(relayData).allowLoopbackAgents(true).build());
    agent = PrinterAgent.start(AgentConfig.builder()
        .relayUri(relay.httpUri())
        .port(0)
        .bindHost("127.0.0.1")
        .stateDir(agentState)
        .name("printer-e2e")
        .model("Test MK1")
        .advertiseHost("127.0.0.1")
        .build());
    CoreConfig config = CoreConfig.defaults().withDiscoveryWait(Duration.ofSeconds(20));
    clients = CoreClients.start(relay.httpUri(), config);
    executor = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stop() {
    try {
      if (clients != null) {
        clients.close();
      }
      if (executor != null) {
        executor.shutdownNow();
      }
      if (agent != null) {
        agent.close();
      }
      if (relay != null) {
        relay.close();
      }
    } finally {
      Logger root = rootLogger();
      root.detachAppender(logs);
      root.setLevel(rootLevel);
    }
  }

  @Test
  void linksAnAgentAndLeavesOnlyHashesAndNoLocalSecretAtTheRelay() throws Exception {
    LinkingCore core = LinkingCore.create(clients, CoreConfig.defaults().withDiscoveryWait(Duration.ofSeconds(20)),
        Clock.systemUTC(), System::nanoTime, random, executor);
    Session session = core.signIn(new Credentials("e2e-user", Secret.fromText("correct horse battery"), true));
    DiscoveredPrinter printer = core.awaitSinglePrinter();
    assertThat(printer.agentName()).isEqualTo("printer-e2e");

    // Learn the local secret the way any LAN client can, so we can search for it afterwards.
    Secret localSecret = clients.lan().exchange(printer);
    String secretText = localSecret.text(SecretAccess.REVEAL);
    assertThat(Secrets.isLocalSecretShape(localSecret)).isTrue();

    LinkRequestView result = core.link(printer, e -> {});

    assertThat(result.linkState()).isEqualTo(LinkState.LINKED);
    String printerId = result.printerId();

    // The agent holds the token, in a file only its owner can read, and its window is closed.
    Path tokenFile = agentState.resolve(TokenStore.TOKEN_FILE);
    assertThat(Files.getPosixFilePermissions(tokenFile))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    String printerToken = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
    assertThat(printerToken).hasSize(43);
    // The agent acknowledges the stored token first and then turns linked: wait for that moment.
    CompletableFuture<AgentStatus> linked = new CompletableFuture<>();
    java.util.function.Consumer<AgentStatus> onStatus = st -> {
      if (st.linked()) {
        linked.complete(st);
      }
    };
    agent.addListener(onStatus);
    if (agent.status().linked()) {
      linked.complete(agent.status());
    }
    assertThat(linked.get(10, TimeUnit.SECONDS).linked()).isTrue();
    agent.removeListener(onStatus);
    assertThat(agent.status().printerId()).isEqualTo(printerId);
    assertThat(agent.status().windowOpen()).isFalse();
    assertThat(agent.status().instanceId()).isNull();

    String sessionToken = session.token().text(SecretAccess.REVEAL);
    agent.close();
    agent = null;
    relay.close();
    relay = null;

    // The printer row exists for that account, active, with only the token's hash.
    String tokenHash = Secrets.sha256Hex(Secret.fromText(printerToken));
    try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + relayData.resolve("relay"), "relay", "");
        PreparedStatement q = db.prepareStatement("SELECT account_id, token_hash, state FROM printers WHERE id = ?")) {
      q.setString(1, printerId);
      try (ResultSet rs = q.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("account_id")).isEqualTo(session.accountId());
        assertThat(rs.getString("token_hash")).isEqualTo(tokenHash);
        assertThat(rs.getString("state")).isEqualTo("ACTIVE");
        assertThat(rs.next()).isFalse();
      }
    }

    // Neither the local secret nor any token is in the relay's database files in clear; the
    // token hash is (so the scan does read what the relay wrote).
    byte[] dbBytes = readAll(relayData);
    assertThat(contains(dbBytes, tokenHash)).as("positive control: token hash on disk").isTrue();
    assertThat(contains(dbBytes, secretText)).as("local secret in relay database").isFalse();
    assertThat(contains(dbBytes, printerToken)).as("printer token in relay database").isFalse();
    assertThat(contains(dbBytes, sessionToken)).as("session token in relay database").isFalse();

    // ... nor in any log line of any component, at DEBUG.
    List<String> lines = logs.lines();
    assertThat(lines).as("relay logged the link").anyMatch(l -> l.contains("LINKED"));
    assertThat(lines).noneMatch(l -> l.contains(secretText));
    assertThat(lines).noneMatch(l -> l.contains(printerToken));
    assertThat(lines).noneMatch(l -> l.contains(sessionToken));
  }

  private static Logger rootLogger() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static byte[] readAll(Path dir) throws Exception {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        all.write(Files.readAllBytes(f));
      }
    }
    return all.toByteArray();
  }

  private static boolean contains(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Keeps every formatted log line, with its stack trace, from every logger. */
  static final class CapturingAppender extends AppenderBase<ILoggingEvent> {
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

    @Override
    protected void append(ILoggingEvent event) {
      String line = event.getLoggerName() + " " + event.getFormattedMessage();
      if (event.getThrowableProxy() != null) {
        line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
      }
      lines.add(line);
    }

    List<String> lines() {
      return new ArrayList<>(lines);
    }
  }
}
