package io.printerlink.agent;

import io.printerlink.agent.audit.AuditLog;
import io.printerlink.agent.exchange.ExchangeHandler;
import io.printerlink.agent.exchange.ExchangeServer;
import io.printerlink.agent.net.AddressChooser;
import io.printerlink.agent.relay.Backoff;
import io.printerlink.agent.relay.DiscoveryConnection;
import io.printerlink.agent.relay.PrinterConnection;
import io.printerlink.agent.relay.RelayHttp;
import io.printerlink.agent.state.StateLock;
import io.printerlink.agent.state.StoredLink;
import io.printerlink.agent.status.StatusFile;
import io.printerlink.agent.state.TokenStore;
import io.printerlink.agent.window.CloseReason;
import io.printerlink.agent.window.DiscoveryWindow;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.RelayUrls;
import io.printerlink.protocol.ws.PrinterHello;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The printer agent's composition root: builds the LAN exchange server, the relay WebSocket
 * client, the token store and the agent thread, and runs the link state machine: unlinked (a
 * discovery window and its {@link DiscoveryConnection}) or linked (a {@link PrinterConnection}).
 * Every state change happens on the single agent thread; the exchange handler only reads the
 * current window, which is itself thread-safe.
 *
 * <p>Embeddable: the desktop app starts a demo agent in-process with {@link #start(AgentConfig)}.
 */
public final class PrinterAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PrinterAgent.class);
  /** How often the status (window countdown) is refreshed and the deadline noticed. */
  static final long TICK_MILLIS = 1000;
  /** How long API calls wait for the agent thread. */
  static final long API_TIMEOUT_SECONDS = 10;

  private final AgentConfig config;
  private final AddressChooser addressChooser;
  private final TokenStore tokenStore;
  private final ScheduledExecutorService agentThread;
  private final Server exchangeServer;
  private final WebSocketClient wsClient;
  private final List<Consumer<AgentStatus>> listeners = new CopyOnWriteArrayList<>();

  private volatile Thread agentThreadRef;
  private DiscoveryConnection.AgentInfo agentInfo;
  private volatile DiscoveryWindow window;
  private DiscoveryConnection discovery;
  private PrinterConnection printer;
  private volatile StoredLink link;
  private volatile String printerId;
  private volatile String accountName;
  private volatile boolean lastAnnounceAccepted;
  private volatile String seenFrom;
  private volatile String lastError;
  private volatile String advertisedAddress;
  private volatile List<String> candidates = List.of();
  private volatile String addressProblem;
  private volatile boolean printerOnline;
  private volatile CloseReason lastCloseReason;
  private final StatusFile statusFile;
  private final StateLock stateLock;
  private AgentStatus lastPublished;
  private AgentStatus lastWritten;
  private volatile boolean closed;

  private PrinterAgent(AgentConfig config, AddressChooser addressChooser, StateLock stateLock) {
    this.config = config;
    this.stateLock = stateLock;
    this.addressChooser = addressChooser;
    this.tokenStore = new TokenStore(config.stateDir(), config.relayUri());
    this.statusFile =
        new StatusFile(config.stateDir(), config.clock(), ProcessHandle.current().pid(), config.relayUri().toString());
    this.agentThread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "printer-agent");
      t.setDaemon(true);
      agentThreadRef = t;
      return t;
    });
    this.exchangeServer = ExchangeServer.create(
        config.bindHost(),
        config.port(),
        config.exchangeIdleTimeout(),
        new ExchangeHandler(() -> Optional.ofNullable(window), config.peerPolicy()));
    this.wsClient = new WebSocketClient(RelayHttp.client(config.relayUri(), config.relayTrust()));
    wsClient.setIdleTimeout(config.relayIdleTimeout());
    wsClient.setConnectTimeout(config.relayConnectTimeout().toMillis());
    wsClient.setMaxTextMessageSize(Limits.MAX_BODY_BYTES);
    wsClient.setMaxBinaryMessageSize(Limits.MAX_BODY_BYTES);
    wsClient.setStopAtShutdown(false);
    WebSocketCoreClient core = wsClient.getBean(WebSocketCoreClient.class);
    if (core != null && core.getWebSocketComponents().getExecutor() instanceof QueuedThreadPool pool) {
      // The WebSocket layer's own pool (Jetty gives it no way in from outside) keeps 8 idle
      // threads by default; one relay connection needs one.
      pool.setMinThreads(1);
    }
  }

  /**
   * Starts the agent: the exchange endpoint listens when this returns; the relay connection is
   * made asynchronously and retried with capped backoff, so a relay that is down does not fail
   * start-up. An unlinked agent opens a discovery window at once.
   *
   * @throws IOException when the state folder is unusable, the exchange port cannot be bound or the
   *     agent cannot start
   */
  public static PrinterAgent start(AgentConfig config) throws IOException {
    return start(config, AddressChooser.system());
  }

  /** As {@link #start(AgentConfig)}, with the interface listing seam (tests). */
  public static PrinterAgent start(AgentConfig config, AddressChooser addressChooser) throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(addressChooser, "addressChooser");
    new TokenStore(config.stateDir()).checkUsable();
    StateLock lock;
    try {
      lock = StateLock.acquire(config.stateDir());
    } catch (StateLock.HeldException e) {
      throw new IOException(e.getMessage() + "; each agent on a host needs its own --state-dir (and --port)", e);
    }
    try {
      checkLinkedThrough(config);
    } catch (IOException e) {
      lock.close();
      throw e;
    }
    PrinterAgent agent;
    try {
      agent = new PrinterAgent(config, addressChooser, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    try {
      try {
        agent.exchangeServer.start();
      } catch (IOException e) {
        if (hasCause(e, java.net.BindException.class)) {
          throw new IOException("cannot listen on " + config.bindHost() + ":" + config.port()
              + ": the address or port is in use or not this host's (another agent? give each agent its own --port and --state-dir)",
              e);
        }
        throw e;
      }
      agent.wsClient.start();
      agent.onAgent(agent::boot);
      agent.agentThread.scheduleAtFixedRate(agent::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
      return agent;
    } catch (Exception e) {
      agent.close();
      if (e instanceof IOException) {
        throw (IOException) e;
      }
      throw new IOException("printer agent could not start: " + e.getMessage(), e);
    }
  }

  /**
   * A linked printer started with another {@code --relay} than the one that issued its token (a
   * typo, a second relay) refuses to start: that relay would answer 401 and the printer would
   * lose its link.
   */
  private static void checkLinkedThrough(AgentConfig config) throws IOException {
    TokenStore store = new TokenStore(config.stateDir());
    Optional<String> linkedTo = store.linkedRelay();
    if (linkedTo.isEmpty()) {
      return;
    }
    URI issuer;
    try {
      issuer = new URI(linkedTo.get());
    } catch (java.net.URISyntaxException e) {
      return; // an unreadable record: the relay's answer decides
    }
    if (!RelayUrls.sameRelay(issuer, config.relayUri())) {
      throw new IOException("this printer is linked through the relay at " + linkedTo.get() + ", not "
          + config.relayUri() + ": start it with --relay " + linkedTo.get() + ". To link it through "
          + config.relayUri() + " instead, move " + TokenStore.TOKEN_FILE + " and " + TokenStore.LINK_FILE + " out of "
          + store.directory() + " (unlink the printer in the app too, or it stays listed there, offline)");
    }
  }

  /** The port the LAN exchange endpoint listens on. */
  public int exchangePort() {
    return ExchangeServer.localPort(exchangeServer);
  }

  /** The configuration the agent runs with. */
  public AgentConfig config() {
    return config;
  }

  /** A fresh snapshot of the agent's state. */
  public AgentStatus status() {
    DiscoveryWindow w = window;
    boolean open = w != null && w.isOpen();
    boolean linked = link != null;
    return new AgentStatus(
        linked,
        printerId,
        accountName,
        open,
        open ? w.secondsLeft() : 0,
        open ? w.instanceId() : null,
        lastAnnounceAccepted,
        seenFrom,
        lastError,
        advertisedAddress,
        announcedPort(),
        candidates,
        describeState(linked, open));
  }

  /** The one-line state shown by {@code printer-agent status} (C-12). */
  private String describeState(boolean linked, boolean open) {
    if (linked) {
      return printerOnline ? "linked, online" : "linked, offline" + (lastError == null ? "" : ": " + lastError);
    }
    if (!open) {
      CloseReason r = lastCloseReason;
      return "not discoverable: discovery window closed" + (r == null ? "" : " (" + r.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
    if (lastAnnounceAccepted) {
      return "discoverable";
    }
    if (advertisedAddress == null && addressProblem != null) {
      return "not discoverable yet: " + addressProblem;
    }
    return "not discoverable yet: " + (lastError == null ? "connecting to the relay" : lastError);
  }

  private int announcedPort() {
    java.util.OptionalInt p = config.advertise().map(a -> a.port()).orElse(java.util.OptionalInt.empty());
    return p.isPresent() ? p.getAsInt() : exchangePort();
  }

  /** Called on the agent thread on every status change. Listeners must not block. */
  public void addListener(Consumer<AgentStatus> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(Consumer<AgentStatus> listener) {
    listeners.remove(listener);
  }

  /**
   * The {@code discover} command: opens a fresh discovery window (new instance id and secret),
   * replacing any open one. Does nothing when the agent is linked.
   */
  public void openWindow() {
    onAgent(this::openWindowNow);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      onAgent(() -> {
        if (discovery != null) {
          discovery.close();
          discovery = null;
        }
        if (printer != null) {
          printer.close();
          printer = null;
        }
        DiscoveryWindow w = window;
        if (w != null) {
          w.close(CloseReason.ENDED);
        }
        window = null;
        if (link != null) {
          link.token().destroy();
        }
        writeStatusFile(status(), false);
      });
    } catch (RuntimeException e) {
      LOG.warn("agent thread did not stop cleanly: {}", e.toString());
    }
    agentThread.shutdownNow();
    stopQuietly(wsClient);
    stopQuietly(exchangeServer);
    stateLock.close();
    LOG.info("printer agent stopped");
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (int depth = 0; t != null && depth < 12; depth++, t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  // ---- agent thread ----

  private void boot() {
    agentInfo = new DiscoveryConnection.AgentInfo(
        Json.isCleanText(AgentConfig.hostName()) ? AgentConfig.hostName() : "printer-agent",
        config.name(),
        AgentVersion.get(),
        config.model(),
        announcedPort(),
        null);
    LOG.info("printer agent {} listening for LAN exchanges on {}:{}, relay {}",
        AgentVersion.get(), config.bindHost(), exchangePort(), config.relayUri());
    Optional<StoredLink> stored;
    try {
      stored = tokenStore.load();
    } catch (IOException e) {
      LOG.error("cannot read the state folder {}: {}", tokenStore.directory(), e.toString());
      lastError = "cannot read the state folder";
      stored = Optional.empty();
    }
    if (stored.isPresent()) {
      enterLinked(stored.get());
    } else {
      openWindowNow();
    }
    publish();
  }

  private void tick() {
    DiscoveryWindow w = window;
    if (w != null) {
      w.isOpen();
    }
    if (discovery != null) {
      discovery.addressCheck();
    }
    publish();
  }

  private void openWindowNow() {
    if (closed) {
      return;
    }
    if (link != null) {
      LOG.info("discover ignored: the agent is linked as printer {}", printerId);
      return;
    }
    if (discovery != null) {
      discovery.close();
      discovery = null;
    }
    DiscoveryWindow old = window;
    if (old != null) {
      old.close(CloseReason.ENDED);
    }
    DiscoveryWindow w = DiscoveryWindow.open(
        config.random(), config.nanoTime(), config.windowLength(), config.maxExchangeFailures(), this::windowClosed);
    window = w;
    lastAnnounceAccepted = false;
    seenFrom = null;
    lastCloseReason = null;
    AuditLog.event("discovery window opened: instance {}, {} s", w.instanceId(), config.windowLength().toSeconds());
    String former = tokenStore.formerPrinterId().orElse(null);
    if (former != null) {
      AuditLog.event("no printer token, but link.json says this was printer {}: announcing it as the former printer",
          former);
    }
    DiscoveryEvents events = new DiscoveryEvents();
    DiscoveryConnection conn = new DiscoveryConnection(
        wsClient,
        config.relayWebSocketUri(DiscoveryConnection.PATH),
        agentThread,
        newBackoff(),
        config.heartbeat(),
        config.nanoTime(),
        w,
        agentInfo.withFormerPrinterId(former),
        this::chooseAddress,
        tokenStore,
        config.beforeTokenStore(),
        events);
    events.connection = conn;
    discovery = conn;
    chooseAddress();
    conn.start();
    publish();
  }

  private AddressChooser.Choice chooseAddress() {
    AddressChooser.Choice chosen = addressChooser.choose(config.advertiseHost(), config.relayUri());
    advertisedAddress = chosen.primary().orElse(null);
    addressProblem = chosen.problem();
    List<String> alts = new java.util.ArrayList<>();
    for (String alt : chosen.alternatives()) {
      if (alts.size() + 1 < AgentConfig.MAX_ANNOUNCED_ADDRESSES) {
        alts.add(io.printerlink.protocol.NetworkAddresses.urlHost(alt) + ":" + announcedPort());
      }
    }
    candidates = List.copyOf(alts);
    return chosen;
  }

  /** Window close listener: may run on any thread (the exchange handler's, for instance). */
  private void windowClosed(DiscoveryWindow w, CloseReason reason) {
    AuditLog.event("discovery window closed: instance {}, reason {}, failed exchanges {}",
        w.instanceId(), reason, w.failures());
    if (window == w) {
      lastCloseReason = reason;
    }
    if (!closed) {
      postToAgent(() -> {
        if (discovery != null && discovery.window() == w) {
          discovery.windowChanged();
        }
        publish();
      });
    }
  }

  private void enterLinked(StoredLink stored) {
    enterLinked(stored, Duration.ZERO);
  }

  /** @param freshTokenGrace nonzero for a token stored just now (see {@link PrinterConnection}) */
  private void enterLinked(StoredLink stored, Duration freshTokenGrace) {
    link = stored;
    printerId = stored.info().map(i -> i.printerId()).orElse(null);
    accountName = stored.info().map(i -> i.accountName()).orElse(null);
    lastAnnounceAccepted = false;
    seenFrom = null;
    printerOnline = false;
    DiscoveryWindow w = window;
    if (w != null) {
      w.close(CloseReason.ENDED);
      window = null;
    }
    PrinterConnection conn = new PrinterConnection(
        wsClient,
        config.relayWebSocketUri(PrinterConnection.PATH),
        agentThread,
        newBackoff(),
        config.heartbeat(),
        stored.token(),
        new PrinterEvents(),
        config.nanoTime(),
        freshTokenGrace);
    printer = conn;
    LOG.info("linked as printer {}; connecting to the relay", printerId == null ? "(unknown)" : printerId);
    conn.start();
    publish();
  }

  private void revoked(PrinterConnection conn) {
    if (printer != conn) {
      return;
    }
    conn.close();
    printer = null;
    try {
      tokenStore.setAside().ifPresent(aside -> LOG.warn("the relay at {} refused this printer's token (401): it was"
          + " unlinked or revoked there, or this is not the relay that issued it (a new or restored relay at that address)."
          + " The token is kept in {}; if the relay is wrong, stop the agent and rename it back to {} (and {}{} to {}).",
          config.relayUri(), aside, TokenStore.TOKEN_FILE, TokenStore.LINK_FILE,
          aside.getFileName().toString().substring(TokenStore.TOKEN_FILE.length()), TokenStore.LINK_FILE));
    } catch (IOException e) {
      LOG.error("could not move the refused token aside in {}: {}", tokenStore.directory(), e.toString());
    }
    StoredLink old = link;
    link = null;
    if (old != null) {
      old.token().destroy();
    }
    printerId = null;
    accountName = null;
    lastError = "the relay no longer accepts this printer's token; discovery restarted";
    openWindowNow();
  }

  private Backoff newBackoff() {
    return new Backoff(config.reconnectMin(), config.reconnectMax(), config.random());
  }

  private void publish() {
    AgentStatus s = status();
    if (s.equals(lastPublished)) {
      return;
    }
    lastPublished = s;
    AgentStatus steady = s.withoutCountdown();
    if (!steady.equals(lastWritten)) {
      lastWritten = steady;
      writeStatusFile(s, true);
    }
    for (Consumer<AgentStatus> l : listeners) {
      try {
        l.accept(s);
      } catch (RuntimeException e) {
        LOG.warn("status listener failed: {}", e.toString());
      }
    }
  }

  private void writeStatusFile(AgentStatus s, boolean running) {
    try {
      statusFile.write(s, running);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not write {}: {}", statusFile.path(), e.toString());
    }
  }

  /** Runs {@code task} on the agent thread and waits for it (inline when already there). */
  private void onAgent(Runnable task) {
    if (Thread.currentThread() == agentThreadRef) {
      task.run();
      return;
    }
    Future<?> f = agentThread.submit(task);
    try {
      f.get(API_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the agent thread", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("agent task failed", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("agent thread did not answer in " + API_TIMEOUT_SECONDS + " s", e);
    }
  }

  private void postToAgent(Runnable task) {
    try {
      agentThread.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // stopping
    }
  }

  private static void stopQuietly(org.eclipse.jetty.util.component.LifeCycle lifeCycle) {
    try {
      lifeCycle.stop();
    } catch (Exception e) {
      LOG.warn("stopping {} failed: {}", lifeCycle.getClass().getSimpleName(), e.toString());
    }
  }

  @Override
  public String toString() {
    return "PrinterAgent[" + config + "]";
  }

  private final class DiscoveryEvents implements DiscoveryConnection.Listener {
    private DiscoveryConnection connection;

    private boolean current() {
      return discovery == connection && !closed;
    }

    @Override
    public void onAnnounced(String from) {
      if (current()) {
        if (!lastAnnounceAccepted) {
          LOG.info("discoverable: the relay accepted the announce of {}:{} and sees this agent at {}",
              advertisedAddress == null ? null : io.printerlink.protocol.NetworkAddresses.urlHost(advertisedAddress),
              announcedPort(), from);
        }
        addressProblem = null;
        lastAnnounceAccepted = true;
        seenFrom = from;
        lastError = null;
        publish();
      }
    }

    @Override
    public void onDisconnected(String description) {
      if (current()) {
        lastAnnounceAccepted = false;
        lastError = description;
        publish();
      }
    }

    @Override
    public void onProblem(String description) {
      if (current()) {
        lastError = description;
        publish();
      }
    }

    @Override
    public void onNoAddress(String why) {
      if (current()) {
        advertisedAddress = null;
        candidates = List.of();
        addressProblem = why;
        lastAnnounceAccepted = false;
        publish();
      }
    }

    @Override
    public void onLinked(StoredLink stored) {
      if (current()) {
        discovery = null;
        enterLinked(stored, Limits.TOKEN_ACK_TIMEOUT);
      } else {
        stored.token().destroy();
      }
    }

    @Override
    public void onEnded() {
      if (current()) {
        discovery = null;
        lastAnnounceAccepted = false;
        publish();
      }
    }
  }

  private final class PrinterEvents implements PrinterConnection.Listener {
    @Override
    public void onHello(PrinterHello hello) {
      printerId = hello.printerId();
      accountName = hello.accountName();
      lastError = null;
      printerOnline = true;
      LOG.info("relay says hello: printer {} of account {}", hello.printerId(), hello.accountId());
      publish();
    }

    @Override
    public void onDisconnected(String description) {
      lastError = description;
      printerOnline = false;
      publish();
    }

    @Override
    public void onRevoked() {
      revoked(printer);
    }
  }
}
