package io.printerlink.relay.discovery;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.LanEndpoint;
import io.printerlink.protocol.NetworkAddresses;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.ws.Announce;
import io.printerlink.protocol.ws.Announced;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.WsError;
import io.printerlink.relay.http.ApiException;
import io.printerlink.relay.limits.Decision;
import io.printerlink.relay.limits.DefenceMetrics;
import io.printerlink.relay.limits.KeyedRateLimits;
import io.printerlink.relay.net.CrowdedKeyAlarm;
import io.printerlink.relay.store.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence of unlinked agents, in memory, keyed by network key (PROTOCOL.md steps 2-3).
 *
 * <p>An instance id belongs to the connection that first announced it; the relay hands that
 * connection a presence token (only its hash is kept) and a reconnect must present it to take the
 * id back (T17). When the owner's socket closes the id stays reserved, unlisted, until the
 * presence would have expired. Presence ends after {@code presenceExpiry} without an announce,
 * measured on the monotonic clock. Only one printer is ever shown per network key.
 *
 * <p>Announce floods (T15): claiming an instance id (a new id, or a reconnect with the presence
 * token) takes a permit of the network key's claim rate; without one the agent gets {@code error
 * RATE_LIMITED} with {@code retryAfterSeconds} and its connection stays open. An agent that announces
 * again before that pause is over is closed (1008). Heartbeats of an owned id are free here (the
 * per-connection message rate caps them). Every accepted id is reported to the crowded-key alarm (T3).
 *
 * <p>All state is guarded by {@code this}; listeners are called under the lock so pushes keep
 * their order (they only queue asynchronous sends).
 */
public final class DiscoveryService extends AbstractLifeCycle {
  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryService.class);

  /** Knobs from the relay's config. */
  public record Settings(
      Duration presenceExpiry, Duration sweepEvery, Duration heartbeat, boolean allowLoopbackAgents) {}

  /** The abuse defences discovery reports to and consults. */
  public record Guards(KeyedRateLimits claimsPerKey, CrowdedKeyAlarm alarm, DefenceMetrics metrics) {}

  private final Settings settings;
  private final LongSupplier nanoTime;
  private final SecureRandom random;
  private final ScheduledExecutorService scheduler;
  private final AuditLog audit;
  private final BiConsumer<String, DiscoveryResponse> listener;
  private final Guards guards;
  private final Map<String, Presence> byInstance = new HashMap<>();
  /**
   * The same presences by network key, so that a list, a link check or a publish looks at its own
   * key's few entries rather than every agent on the relay (P3: scanning all of them was two thirds
   * of the relay's CPU at 15,000 agents). Kept in step by {@link #setKey} and {@link #forget}.
   */
  private final Map<String, Set<Presence>> byKey = new HashMap<>();
  private final Map<AgentConnection, String> instanceOf = new HashMap<>();
  /** Connections told RATE_LIMITED, and the monotonic time until which they must stay quiet. */
  private final Map<AgentConnection, Long> quietUntil = new HashMap<>();
  private ScheduledFuture<?> sweeper;

  /**
   * @param listener told the new list whenever the discovery list of a network key changes
   */
  public DiscoveryService(Settings settings, LongSupplier nanoTime, SecureRandom random,
      ScheduledExecutorService scheduler, AuditLog audit, BiConsumer<String, DiscoveryResponse> listener,
      Guards guards) {
    this.settings = settings;
    this.guards = Objects.requireNonNull(guards, "guards");
    this.nanoTime = nanoTime;
    this.random = random;
    this.scheduler = scheduler;
    this.audit = audit;
    this.listener = listener;
  }

  @Override
  protected void doStart() {
    long every = settings.sweepEvery().toMillis();
    sweeper = scheduler.scheduleWithFixedDelay(this::sweepSafely, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() {
    ScheduledFuture<?> s = sweeper;
    if (s != null) {
      s.cancel(false);
    }
  }

  /**
   * Handles an announce (protocol already checked). Sends {@code announced} or an {@code error}
   * itself. Returns the connection this announce took the instance id over from, if any: its
   * link requests must end.
   */
  public synchronized AgentConnection announce(AgentConnection conn, Announce a) {
    if (!settings.allowLoopbackAgents()
        && NetworkAddresses.parseLiteral(a.privateIp()).map(NetworkAddresses::isLoopback).orElse(true)) {
      conn.channel().sendError(ErrorCodes.INVALID_FIELD, "field 'privateIp' must be a private or link-local IP literal");
      return null;
    }
    if (!settings.allowLoopbackAgents() && a.candidates() != null && a.candidates().stream()
        .anyMatch(c -> LanEndpoint.parse(c).flatMap(e -> NetworkAddresses.parseLiteral(e.ip()))
            .map(NetworkAddresses::isLoopback).orElse(true))) {
      conn.channel().sendError(ErrorCodes.INVALID_FIELD, "field 'candidates' must hold private or link-local addresses");
      return null;
    }
    long now = nanoTime.getAsLong();
    if (ignoredRetryAfter(conn, now)) {
      return null;
    }
    Set<String> changed = new LinkedHashSet<>();
    Presence p = byInstance.get(a.instanceId());
    AgentConnection replaced = null;
    boolean claims = p == null || (p.owner != conn && a.presenceToken() != null && hashMatches(a.presenceToken(), p.tokenHash));
    if (claims && !claimPermitted(conn, now)) {
      return null;
    }
    if (p == null) {
      releaseOther(conn, a.instanceId(), changed);
      p = new Presence(a.instanceId());
      byInstance.put(p.instanceId, p);
      claim(p, conn);
      LOG.info("{} announced an instance id on network key {}", conn, conn.networkKey());
    } else if (p.owner == conn) {
      if (p.spent) {
        p.lastSeen = now;
        return null;
      }
    } else if (a.presenceToken() != null && hashMatches(a.presenceToken(), p.tokenHash)) {
      releaseOther(conn, a.instanceId(), changed);
      replaced = p.owner;
      if (replaced != null) {
        instanceOf.remove(replaced);
        changed.add(p.networkKey);
      }
      claim(p, conn);
      LOG.info("{} took its instance id back with its presence token", conn);
    } else {
      audit.record(AuditLog.INSTANCE_ID_REFUSED, null, conn.networkKey(), "announce of an instance id owned by another connection");
      LOG.warn("refused {}: it announced an instance id another connection owns (network key {})", conn, conn.networkKey());
      conn.channel().sendError(ErrorCodes.INSTANCE_ID_TAKEN, "this instance id belongs to another connection");
      conn.channel().closePolicy("instance id taken");
      return null;
    }
    boolean visibleChange = p.latest == null || !sameListing(p.latest, a) || !Objects.equals(p.networkKey, conn.networkKey());
    if (p.networkKey != null && !p.networkKey.equals(conn.networkKey())) {
      changed.add(p.networkKey);
    }
    setKey(p, conn.networkKey());
    p.latest = a;
    p.lastSeen = now;
    p.announcedAt = now;
    if (visibleChange && !p.spent) {
      changed.add(p.networkKey);
    }
    guards.alarm().agentSeen(p.networkKey, p.instanceId);
    publish(changed);
    return replaced;
  }

  /** The owner's socket closed: unlist it, keep the id reserved for a token-bearing reconnect. */
  public synchronized void connectionClosed(AgentConnection conn) {
    quietUntil.remove(conn);
    String id = instanceOf.remove(conn);
    if (id == null) {
      return;
    }
    Presence p = byInstance.get(id);
    if (p != null && p.owner == conn) {
      p.owner = null;
      publish(Set.of(p.networkKey));
    }
  }

  /**
   * The agent that may receive a {@code verify} for {@code instanceId}, for a client on {@code callerKey}.
   * An id that is not listed on the caller's own key is reported exactly like an unknown one.
   */
  public synchronized AgentConnection linkTarget(String instanceId, String callerKey) {
    Presence p = byInstance.get(instanceId);
    if (p != null && p.spent && callerKey.equals(p.networkKey)) {
      // A verify already went out: the race's loser learns that clearly (T9), on its own key only.
      throw new ApiException(409, ErrorCodes.LINK_IN_PROGRESS,
          "another link request for this printer was already made; its discovery window is over");
    }
    if (p == null || !p.listed() || !p.networkKey.equals(callerKey)) {
      throw new ApiException(404, ErrorCodes.NOT_IN_DISCOVERY, "no printer with that instance id is in discovery on your network");
    }
    if (listedOn(callerKey).size() > 1) {
      throw new ApiException(409, ErrorCodes.MULTIPLE_IN_DISCOVERY,
          "more than one printer is in discovery on your network; close the extra window or use a code");
    }
    return p.owner;
  }

  /** The announce currently held for an owned instance id (for naming the printer). */
  public synchronized Announce announceOf(String instanceId) {
    Presence p = byInstance.get(instanceId);
    return p == null ? null : p.latest;
  }

  /** A verify went out for this id: its window is over, whatever the outcome. Unlist it. */
  public synchronized void markSpent(String instanceId) {
    Presence p = byInstance.get(instanceId);
    if (p != null && !p.spent) {
      p.spent = true;
      publish(Set.of(p.networkKey));
    }
  }

  public synchronized DiscoveryResponse snapshot(String networkKey) {
    List<Presence> listed = listedOn(networkKey);
    if (listed.size() > 1) {
      return new DiscoveryResponse(DiscoveryResponse.MULTIPLE, List.of(), networkKey);
    }
    List<DiscoveredPrinter> printers = new ArrayList<>();
    long now = nanoTime.getAsLong();
    for (Presence p : listed) {
      Announce a = p.latest;
      long elapsed = TimeUnit.NANOSECONDS.toSeconds(Math.max(0, now - p.announcedAt));
      long left = Math.max(0, Math.min(Limits.DISCOVERY_WINDOW.toSeconds(), a.windowSecondsLeft() - elapsed));
      printers.add(new DiscoveredPrinter(a.instanceId(), a.privateIp(), a.port(), a.hostname(), a.agentName(),
          a.agentVersion(), a.model(), left, a.candidates()));
    }
    return new DiscoveryResponse(DiscoveryResponse.OK, printers, networkKey);
  }

  /** How many agents are listed in discovery right now, over all network keys (metrics). */
  public synchronized int listedCount() {
    int n = 0;
    for (Presence p : byInstance.values()) {
      if (p.listed()) {
        n++;
      }
    }
    return n;
  }

  /** Runs {@code subscriber} with the current list under the lock, so no change slips between. */
  public synchronized void subscribe(String networkKey, Consumer<DiscoveryResponse> subscriber) {
    subscriber.accept(snapshot(networkKey));
  }

  /** Ends presence that has not been refreshed in time; drops expired reservations. */
  void sweep() {
    List<AgentConnection> silent = new ArrayList<>();
    synchronized (this) {
      long now = nanoTime.getAsLong();
      long expiry = settings.presenceExpiry().toNanos();
      Set<String> changed = new LinkedHashSet<>();
      for (Iterator<Presence> it = byInstance.values().iterator(); it.hasNext(); ) {
        Presence p = it.next();
        if (now - p.lastSeen < expiry) {
          continue;
        }
        if (p.owner != null) {
          silent.add(p.owner);
          instanceOf.remove(p.owner);
          p.owner = null;
          changed.add(p.networkKey);
          LOG.info("presence on network key {} expired: no heartbeat", p.networkKey);
        }
        forget(p);
        it.remove();
      }
      publish(changed);
    }
    for (AgentConnection c : silent) {
      c.channel().closePolicy("no heartbeat");
    }
  }

  private void sweepSafely() {
    try {
      sweep();
    } catch (RuntimeException e) {
      LOG.error("presence sweep failed", e);
    }
  }

  private void claim(Presence p, AgentConnection conn) {
    Secret token = Secrets.newToken(random);
    p.tokenHash = Secrets.sha256Hex(token);
    p.owner = conn;
    instanceOf.put(conn, p.instanceId);
    conn.channel().send(Messages.ANNOUNCED,
        new Announced(token, conn.networkKey(), (int) Math.max(1, settings.heartbeat().toSeconds())));
  }

  /** A connection owns one instance id; announcing another gives up the previous one. */
  private void releaseOther(AgentConnection conn, String newId, Set<String> changed) {
    String old = instanceOf.get(conn);
    if (old != null && !old.equals(newId)) {
      Presence p = byInstance.remove(old);
      instanceOf.remove(conn);
      if (p != null) {
        forget(p);
        changed.add(p.networkKey);
      }
    }
  }

  private List<Presence> listedOn(String networkKey) {
    List<Presence> out = new ArrayList<>();
    for (Presence p : byKey.getOrDefault(networkKey, Set.of())) {
      if (p.listed()) {
        out.add(p);
      }
    }
    return out;
  }

  /** Moves {@code p} to {@code key} in {@link #byKey} (its first key, or a new one after an address change). */
  private void setKey(Presence p, String key) {
    if (key.equals(p.networkKey)) {
      return;
    }
    forget(p);
    p.networkKey = key;
    byKey.computeIfAbsent(key, k -> new HashSet<>()).add(p);
  }

  /** Takes {@code p} out of {@link #byKey}; the caller removes it from {@link #byInstance}. */
  private void forget(Presence p) {
    if (p.networkKey == null) {
      return;
    }
    Set<Presence> onKey = byKey.get(p.networkKey);
    if (onKey != null && onKey.remove(p) && onKey.isEmpty()) {
      byKey.remove(p.networkKey);
    }
  }

  private void publish(Set<String> keys) {
    for (String key : keys) {
      if (key != null) {
        listener.accept(key, snapshot(key));
      }
    }
  }

  /** A claim needs a permit of the key's claim rate; without one the agent is told to wait. */
  private boolean claimPermitted(AgentConnection conn, long now) {
    Decision d = guards.claimsPerKey().tryAcquire(conn.networkKey());
    if (d.allowed()) {
      return true;
    }
    guards.metrics().recordRateLimited();
    quietUntil.put(conn, now + d.retryAfter().toNanos());
    LOG.info("{} on network key {} rate-limited: too many instance ids claimed; told to wait {} s", conn,
        conn.networkKey(), d.retryAfterSeconds());
    conn.channel().send(Messages.ERROR, new WsError(ErrorCodes.RATE_LIMITED,
        "too many printers announced from your network; wait before announcing again", d.retryAfterSeconds()));
    return false;
  }

  /** An agent that announces before its Retry-After pause is over is closed. */
  private boolean ignoredRetryAfter(AgentConnection conn, long now) {
    Long until = quietUntil.get(conn);
    if (until == null) {
      return false;
    }
    if (now - until >= 0) {
      quietUntil.remove(conn);
      return false;
    }
    guards.metrics().recordSocketClosedForPolicy();
    LOG.warn("closing {} on network key {}: it announced again before its Retry-After pause was over", conn,
        conn.networkKey());
    conn.channel().closePolicy("announced during its Retry-After pause");
    return true;
  }

  private static boolean sameListing(Announce x, Announce y) {
    return x.privateIp().equals(y.privateIp()) && x.port() == y.port() && x.hostname().equals(y.hostname())
        && x.agentName().equals(y.agentName()) && x.agentVersion().equals(y.agentVersion())
        && x.model().equals(y.model()) && Objects.equals(x.candidates(), y.candidates());
  }

  private static boolean hashMatches(Secret presented, String storedHash) {
    return MessageDigest.isEqual(
        Secrets.sha256Hex(presented).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  private static final class Presence {
    final String instanceId;
    AgentConnection owner;
    String networkKey;
    Announce latest;
    long lastSeen;
    long announcedAt;
    String tokenHash;
    boolean spent;

    Presence(String instanceId) {
      this.instanceId = instanceId;
    }

    boolean listed() {
      return owner != null && !spent && latest != null;
    }
  }
}
