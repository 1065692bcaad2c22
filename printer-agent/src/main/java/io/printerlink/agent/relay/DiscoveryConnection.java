package io.printerlink.agent.relay;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.audit.AuditLog;
import io.printerlink.agent.net.AddressChooser;
import io.printerlink.agent.state.LinkInfo;
import io.printerlink.agent.state.StoredLink;
import io.printerlink.agent.state.TokenStore;
import io.printerlink.agent.window.CloseReason;
import io.printerlink.agent.window.DiscoveryWindow;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.Message;
import io.printerlink.protocol.NetworkAddresses;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.ws.Announce;
import io.printerlink.protocol.ws.Announced;
import io.printerlink.protocol.ws.LinkRequestRef;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.PrinterToken;
import io.printerlink.protocol.ws.Verify;
import io.printerlink.protocol.ws.WsError;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unlinked agent's WebSocket to the relay, {@code /agent/v1/discovery}, for one discovery
 * window (PROTOCOL.md steps 2, 7 and 9): announces at connect and every heartbeat, keeps the
 * presence token and presents it on reconnect, answers {@code verify} (the window ends whatever
 * the result), stores the {@code token} and acknowledges it, then closes. Runs on the agent thread.
 */
public final class DiscoveryConnection extends RelaySocket {
  public static final String PATH = "/agent/v1/discovery";
  static final String NO_DISCOVERY_V1 = "relay does not support discovery v1";

  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryConnection.class);

  /** What this connection tells the agent, always on the agent thread. */
  public interface Listener {
    /** The relay accepted an announce and saw the agent under {@code seenFrom}. */
    void onAnnounced(String seenFrom);

    /** The connection dropped or could not be made; it will retry while the window is open. */
    void onDisconnected(String description);

    /** Something the user should see (relay errors). */
    void onProblem(String description);

    /** Nothing to announce: no usable LAN address (yet); {@code why} says what is missing. */
    void onNoAddress(String why);

    /** The token is stored and acknowledged: switch to linked mode. */
    void onLinked(StoredLink link);

    /** This connection is over without a link (window closed, rejected, lost before the token). */
    void onEnded();
  }

  /**
   * The non-secret fields of every announce; {@code formerPrinterId} (nullable) is the printer
   * this agent was linked as before it lost its token (C-16).
   */
  public record AgentInfo(
      String hostname, String agentName, String agentVersion, String model, int exchangePort, String formerPrinterId) {
    public AgentInfo {
      Objects.requireNonNull(hostname, "hostname");
      Objects.requireNonNull(agentName, "agentName");
      Objects.requireNonNull(agentVersion, "agentVersion");
      Objects.requireNonNull(model, "model");
    }

    public AgentInfo withFormerPrinterId(String printerId) {
      return new AgentInfo(hostname, agentName, agentVersion, model, exchangePort, printerId);
    }
  }

  private final Duration heartbeat;
  private final LongSupplier nanoTime;
  private final DiscoveryWindow window;
  private final AgentInfo info;
  private final Supplier<AddressChooser.Choice> address;
  private final TokenStore tokenStore;
  private final Runnable beforeTokenStore;
  private final Listener listener;

  private Secret presenceToken;
  private ScheduledFuture<?> heartbeatTask;
  private String awaitingTokenFor;
  private long pausedUntilNanos;
  private boolean paused;
  private boolean ended;
  private AddressChooser.Choice announced;

  public DiscoveryConnection(
      WebSocketClient client,
      URI uri,
      ScheduledExecutorService agentThread,
      Backoff backoff,
      Duration heartbeat,
      LongSupplier nanoTime,
      DiscoveryWindow window,
      AgentInfo info,
      Supplier<AddressChooser.Choice> address,
      TokenStore tokenStore,
      Runnable beforeTokenStore,
      Listener listener) {
    super(client, uri, agentThread, backoff);
    this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.window = Objects.requireNonNull(window, "window");
    this.info = Objects.requireNonNull(info, "info");
    this.address = Objects.requireNonNull(address, "address");
    this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore");
    this.beforeTokenStore = Objects.requireNonNull(beforeTokenStore, "beforeTokenStore");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  public DiscoveryWindow window() {
    return window;
  }

  /** The window may have closed (deadline, failed attempts): stop announcing if so. Agent thread. */
  public void windowChanged() {
    if (!window.isOpen() && awaitingTokenFor == null && !isClosed()) {
      close();
      end();
    }
  }

  @Override
  void onOpened() {
    sendAnnounce();
    stopHeartbeat();
    long ms = heartbeat.toMillis();
    heartbeatTask = agentThread.scheduleAtFixedRate(this::beat, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void beat() {
    if (isClosed()) {
      stopHeartbeat();
      return;
    }
    if (!window.isOpen()) {
      windowChanged();
      return;
    }
    sendAnnounce();
  }

  private void sendAnnounce() {
    if (awaitingTokenFor != null || !window.isOpen()) {
      return;
    }
    if (paused && nanoTime.getAsLong() - pausedUntilNanos < 0) {
      return;
    }
    paused = false;
    AddressChooser.Choice choice = address.get();
    Optional<String> ip = choice.primary();
    if (ip.isEmpty()) {
      announced = null;
      listener.onNoAddress(choice.problem());
      return;
    }
    List<String> candidates = new ArrayList<>();
    for (String alt : choice.alternatives()) {
      if (candidates.size() + 1 < AgentConfig.MAX_ANNOUNCED_ADDRESSES) {
        candidates.add(NetworkAddresses.urlHost(alt) + ":" + info.exchangePort());
      }
    }
    Announce announce;
    try {
      announce = new Announce(
          Limits.PROTOCOL_VERSION,
          window.instanceId(),
          ip.get(),
          info.exchangePort(),
          info.hostname(),
          info.agentName(),
          info.agentVersion(),
          info.model(),
          Math.min(window.secondsLeft(), Limits.DISCOVERY_WINDOW.toSeconds()),
          presenceToken,
          info.formerPrinterId(),
          candidates.isEmpty() ? null : candidates);
    } catch (IllegalArgumentException e) {
      listener.onProblem("cannot announce: " + e.getMessage());
      return;
    }
    if (send(Messages.AGENT_TO_RELAY.encode(Messages.ANNOUNCE, announce))) {
      if (announced != null && !announced.equals(choice)) {
        LOG.info("LAN address changed to {} (candidates {}); same instance id re-announced", ip.get(), candidates);
      }
      announced = choice;
    }
  }

  /**
   * Agent tick: while nothing could be announced for want of an address, look again now rather
   * than at the next heartbeat, so a network that comes up late (DHCP at boot) is announced within
   * about a second.
   */
  public void addressCheck() {
    if (announced == null && isConnected() && !isClosed()) {
      sendAnnounce();
    }
  }

  @Override
  void onText(String text) {
    Message message;
    try {
      message = Json.parseMessage(text, Messages.RELAY_TO_AGENT);
    } catch (JsonInputException e) {
      LOG.warn("relay sent a message the agent does not accept: {}", e.getMessage());
      return;
    }
    switch (message.type()) {
      case Messages.ANNOUNCED:
        onAnnounced(message.as(Announced.class));
        break;
      case Messages.VERIFY:
        onVerify(message.as(Verify.class));
        break;
      case Messages.TOKEN:
        onToken(message.as(PrinterToken.class));
        break;
      case Messages.ERROR:
        onError(message.as(WsError.class));
        break;
      default:
        LOG.warn("relay sent an unexpected message type on the discovery socket");
    }
  }

  private void onAnnounced(Announced announced) {
    if (presenceToken != null && presenceToken != announced.presenceToken()) {
      presenceToken.destroy();
    }
    presenceToken = announced.presenceToken();
    listener.onAnnounced(announced.seenFrom());
  }

  private void onVerify(Verify verify) {
    String lr = verify.linkRequestId();
    if (awaitingTokenFor != null) {
      verify.proof().destroy();
      AuditLog.event("verify for link request {} refused: window {} already verified", lr, window.instanceId());
      send(Messages.AGENT_TO_RELAY.encode(Messages.REJECTED, new LinkRequestRef(lr)));
      return;
    }
    boolean wasOpen = window.isOpen();
    boolean match;
    try {
      match = wasOpen && window.verify(verify.accountId(), verify.nonce(), verify.proof());
    } finally {
      verify.proof().destroy();
    }
    window.close(CloseReason.ENDED);
    stopHeartbeat();
    AuditLog.event(
        "verify for link request {}, account {}, window {}: {}",
        lr,
        verify.accountId(),
        window.instanceId(),
        match ? "proof matched" : wasOpen ? "proof mismatch, window closed" : "window already closed");
    if (match) {
      awaitingTokenFor = lr;
      send(Messages.AGENT_TO_RELAY.encode(Messages.VERIFIED, new LinkRequestRef(lr)));
    } else {
      sendAndClose(Messages.AGENT_TO_RELAY.encode(Messages.REJECTED, new LinkRequestRef(lr)));
      end();
    }
  }

  private void onToken(PrinterToken token) {
    if (awaitingTokenFor == null || !awaitingTokenFor.equals(token.linkRequestId())) {
      token.token().destroy();
      LOG.warn("relay sent a printer token for link request {} that this agent did not verify", token.linkRequestId());
      return;
    }
    beforeTokenStore.run();
    StoredLink link =
        new StoredLink(token.token(), new LinkInfo(token.printerId(), token.accountId(), token.accountName()));
    try {
      tokenStore.save(link);
    } catch (IOException e) {
      LOG.error("could not store the printer token in {}: {}", tokenStore.directory(), e.toString());
      token.token().destroy();
      listener.onProblem("could not store the printer token");
      close();
      end();
      return;
    }
    AuditLog.event("linked as printer {} of account {} (link request {})", token.printerId(), token.accountId(),
        token.linkRequestId());
    sendAndClose(Messages.AGENT_TO_RELAY.encode(Messages.TOKEN_STORED, new LinkRequestRef(token.linkRequestId())));
    ended = true;
    listener.onLinked(link);
  }

  private void onError(WsError error) {
    switch (error.error()) {
      case ErrorCodes.PROTOCOL_UNSUPPORTED:
        listener.onProblem(NO_DISCOVERY_V1);
        break;
      case ErrorCodes.RATE_LIMITED: {
        long secs = error.retryAfterSeconds() == null ? DEFAULT_RETRY_AFTER.toSeconds() : error.retryAfterSeconds();
        Duration wait = Duration.ofSeconds(Math.max(1, Math.min(secs, MAX_RETRY_AFTER.toSeconds())));
        paused = true;
        pausedUntilNanos = nanoTime.getAsLong() + wait.toNanos();
        holdOff(wait);
        listener.onProblem("relay is rate-limiting this agent; retrying in " + wait.toSeconds() + " s");
        break;
      }
      case ErrorCodes.INSTANCE_ID_TAKEN:
        AuditLog.event("relay refused window {}: instance id owned by another connection", window.instanceId());
        listener.onProblem("relay says another connection owns this instance id; open a new discovery window");
        window.close(CloseReason.INSTANCE_ID_TAKEN);
        close();
        end();
        break;
      default: {
        String hint = error.message() != null && error.message().contains("privateIp")
            ? " (the announced address is not a LAN address: give the printer's LAN IP with --advertise-host;"
                + " a relay for local testing takes loopback agents with --allow-loopback-agents)"
            : "";
        // Said in the log too: an operator watching journalctl must see why the printer is not discoverable.
        LOG.warn("the relay refused this agent's announce: {} {}{}", error.error(), error.message(), hint);
        listener.onProblem("relay error " + error.error() + ": " + error.message() + hint);
      }
    }
  }

  @Override
  void onLost(OptionalInt upgradeStatus, String description) {
    stopHeartbeat();
    announced = null;
    boolean notSupported = upgradeStatus.isPresent() && upgradeStatus.getAsInt() == 404;
    listener.onDisconnected(notSupported ? NO_DISCOVERY_V1 : description);
    if (awaitingTokenFor != null) {
      AuditLog.event("relay connection lost before the printer token for {} arrived", awaitingTokenFor);
      listener.onProblem("relay connection lost before the printer token arrived; restart the agent (e.g. sudo systemctl"
          + " restart printerlink-agent) to open a new discovery window");
      close();
      end();
    } else if (!window.isOpen()) {
      close();
      end();
    }
  }

  @Override
  boolean shouldReconnect() {
    return awaitingTokenFor == null && window.isOpen();
  }

  @Override
  void onStopping() {
    stopHeartbeat();
    if (presenceToken != null) {
      presenceToken.destroy();
      presenceToken = null;
    }
  }

  private void end() {
    if (!ended) {
      ended = true;
      listener.onEnded();
    }
  }

  private void stopHeartbeat() {
    if (heartbeatTask != null) {
      heartbeatTask.cancel(false);
      heartbeatTask = null;
    }
  }

  @Override
  public String toString() {
    return "DiscoveryConnection[" + uri() + ", window=" + window.instanceId() + "]";
  }
}
