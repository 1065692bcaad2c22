package io.printerlink.relay.linking;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.LinkRequestCreate;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.protocol.ws.Announce;
import io.printerlink.protocol.ws.LinkRequestRef;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.PrinterToken;
import io.printerlink.protocol.ws.Verify;
import io.printerlink.relay.discovery.AgentConnection;
import io.printerlink.relay.discovery.AgentDiscoverySocket;
import io.printerlink.relay.discovery.DiscoveryService;
import io.printerlink.relay.events.ClientEvents;
import io.printerlink.relay.http.ApiException;
import io.printerlink.relay.metrics.RelayMetrics;
import io.printerlink.relay.store.Account;
import io.printerlink.relay.store.AuditLog;
import io.printerlink.relay.store.Ids;
import io.printerlink.relay.store.LinkRequestRecord;
import io.printerlink.relay.store.LinkStore;
import io.printerlink.relay.store.PrinterRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link state machine (PROTOCOL.md steps 5-9 on the relay side):
 * {@code QUEUED -> DELIVERED -> VERIFIED -> LINKED}, or {@code REJECTED}, {@code EXPIRED},
 * {@code FAILED}. Every transition happens under this object's lock, is persisted, logged at INFO
 * (ids and states only) and pushed to the account's event sockets. At most one request per
 * instance id is pending at any time, so two racing accounts cannot both win (T9). A printer row
 * exists only as PENDING until the agent acknowledges its token; any other end deletes it (T12).
 * On start, whatever a previous run left unfinished is failed and rolled back.
 */
public final class LinkService extends AbstractLifeCycle implements AgentDiscoverySocket.LinkAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(LinkService.class);

  static final String REASON_REJECTED = "the printer rejected the proof";
  static final String REASON_EXPIRED = "the printer did not answer in time";
  static final String REASON_ACK_TIMEOUT = "the printer did not confirm it stored its token in time";
  static final String REASON_RESTARTED = "relay restarted";
  static final String REASON_SHUTDOWN = "relay is shutting down";

  /** Timeouts from the relay's config. */
  public record Settings(Duration linkRequestExpiry, Duration tokenAckTimeout) {}

  private final Settings settings;
  private final LinkStore store;
  private final DiscoveryService discovery;
  private final ClientEvents events;
  private final AuditLog audit;
  private final Ids ids;
  private final SecureRandom random;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final FormerPrinters formerPrinters;
  private final RelayMetrics metrics;
  private final Map<String, Pending> pending = new HashMap<>();
  private boolean draining;

  public LinkService(Settings settings, LinkStore store, DiscoveryService discovery, ClientEvents events,
      AuditLog audit, Ids ids, SecureRandom random, Clock clock, ScheduledExecutorService scheduler,
      FormerPrinters formerPrinters, RelayMetrics metrics) {
    this.settings = settings;
    this.store = store;
    this.discovery = discovery;
    this.events = events;
    this.audit = audit;
    this.ids = ids;
    this.random = random;
    this.clock = clock;
    this.scheduler = scheduler;
    this.formerPrinters = formerPrinters;
    this.metrics = metrics;
  }

  @Override
  protected void doStart() {
    LinkStore.Recovery r = store.recoverAfterRestart(REASON_RESTARTED, clock.instant());
    if (!r.failedRequests().isEmpty() || r.deletedPendingPrinters() > 0) {
      LOG.info("start-up recovery: {} unfinished link requests failed, {} pending printers deleted",
          r.failedRequests().size(), r.deletedPendingPrinters());
    }
    for (LinkStore.Unfinished u : r.failedRequests()) {
      // The agent's network key died with the old process: none to record.
      audit.record(AuditLog.LINK_OUTCOME, u.accountId(), null, LinkState.FAILED + " " + u.id() + ": " + REASON_RESTARTED);
    }
  }

  @Override
  protected synchronized void doStop() {
    for (Pending p : pending.values()) {
      p.cancelTimer();
    }
    pending.clear();
  }

  /** Step 6: the relay's checks, then {@code verify} to the owning agent. */
  public synchronized LinkRequestView create(Account account, String callerKey, LinkRequestCreate req) {
    if (draining) {
      throw new ApiException(503, ErrorCodes.SHUTTING_DOWN, "the relay is shutting down; try again shortly");
    }
    for (Pending p : pending.values()) {
      // Only on the caller's own key: elsewhere the id is reported as not in discovery (no leak).
      if (p.record.instanceId().equals(req.instanceId()) && p.agent.networkKey().equals(callerKey)) {
        throw new ApiException(409, ErrorCodes.LINK_IN_PROGRESS, "another link request for this printer is in progress");
      }
    }
    AgentConnection agent = discovery.linkTarget(req.instanceId(), callerKey);
    Announce announce = discovery.announceOf(req.instanceId());
    String replaces = formerPrinters.replaced(account, announce);
    LinkRequestRecord r = new LinkRequestRecord(
        ids.next(Ids.LINK_REQUEST), account.id(), req.instanceId(), LinkState.QUEUED, null, null);
    store.insert(r, clock.instant());
    Pending p = new Pending(r, account, agent, announce);
    p.replacesPrinterId = replaces;
    pending.put(r.id(), p);
    log(p, callerKey);
    events.linkState(account.id(), r.view());

    agent.channel().send(Messages.VERIFY,
        new Verify(r.id(), account.id(), account.displayName(), req.nonce(), req.proof()));
    discovery.markSpent(req.instanceId());
    transition(p, LinkState.DELIVERED, null);
    p.timer = scheduler.schedule(() -> expire(r.id()), settings.linkRequestExpiry().toMillis(), TimeUnit.MILLISECONDS);
    return p.record.view();
  }

  /**
   * Graceful shutdown, before the sockets close: takes no new link requests, lets the ones in
   * flight finish for up to {@code grace} (measured on {@code nanoTime}), then ends the rest as
   * {@code FAILED} ("relay is shutting down"), rolling back their pending printers and telling
   * their clients. Returns how many were failed.
   */
  public synchronized int drain(Duration grace, java.util.function.LongSupplier nanoTime) throws InterruptedException {
    draining = true;
    long deadline = nanoTime.getAsLong() + grace.toNanos();
    long left;
    while (!pending.isEmpty() && (left = deadline - nanoTime.getAsLong()) > 0) {
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    List<Pending> rest = new ArrayList<>(pending.values());
    for (Pending p : rest) {
      finish(p, LinkState.FAILED, REASON_SHUTDOWN);
    }
    return rest.size();
  }

  /** {@code GET /api/v1/link-requests/{id}}: own account only; another's is "not found". */
  public LinkRequestView view(Account account, String id) {
    return store.byIdForAccount(id, account.id()).map(LinkRequestRecord::view)
        .orElseThrow(() -> ApiException.notFound("link request"));
  }

  @Override
  public synchronized void onAgentMessage(AgentConnection from, String type, LinkRequestRef ref) {
    Pending p = pending.get(ref.linkRequestId());
    if (p == null || p.agent != from) {
      from.channel().sendError(ErrorCodes.NOT_FOUND, "no such link request is waiting for this agent");
      return;
    }
    LinkState state = p.record.state();
    if (Messages.REJECTED.equals(type) && state == LinkState.DELIVERED) {
      finish(p, LinkState.REJECTED, REASON_REJECTED);
    } else if (Messages.VERIFIED.equals(type) && state == LinkState.DELIVERED) {
      verified(p);
    } else if (Messages.TOKEN_STORED.equals(type) && state == LinkState.VERIFIED) {
      linked(p);
    } else {
      from.channel().sendError(ErrorCodes.INVALID_FIELD, "'" + type + "' does not fit this link request's state");
    }
  }

  /** The agent's socket is gone (closed, expired or replaced): its unfinished requests fail. */
  @Override
  public synchronized void agentGone(AgentConnection conn, String reason) {
    List<Pending> affected = new ArrayList<>();
    for (Pending p : pending.values()) {
      if (p.agent == conn) {
        affected.add(p);
      }
    }
    for (Pending p : affected) {
      String why = p.record.state() == LinkState.VERIFIED
          ? reason + " before confirming it stored its token"
          : reason + " before answering";
      finish(p, LinkState.FAILED, why);
    }
  }

  private void verified(Pending p) {
    p.cancelTimer();
    Secret token = Secrets.newToken(random);
    String name = p.announce != null ? PrinterRecord.initialName(p.announce.agentName(), p.announce.hostname()) : "printer";
    String model = p.announce != null ? p.announce.model() : "";
    PrinterRecord printer = new PrinterRecord(
        ids.next(Ids.PRINTER), p.account.id(), name, model, PrinterRecord.PENDING, p.record.id(), clock.instant());
    LinkRequestRecord next = p.record.with(LinkState.VERIFIED, null, null);
    store.verifiedWithPendingPrinter(next, printer, Secrets.sha256Hex(token), clock.instant());
    p.record = next;
    p.pendingPrinterId = printer.id();
    log(p, null);
    events.linkState(p.account.id(), next.view());
    p.agent.channel().send(Messages.TOKEN,
        new PrinterToken(next.id(), printer.id(), p.account.id(), p.account.displayName(), token));
    String id = next.id();
    p.timer = scheduler.schedule(() -> ackTimeout(id), settings.tokenAckTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void linked(Pending p) {
    p.cancelTimer();
    LinkRequestRecord next = p.record.with(LinkState.LINKED, null, p.pendingPrinterId);
    store.linked(next, p.replacesPrinterId, clock.instant());
    if (p.replacesPrinterId != null) {
      formerPrinters.revoked(p.replacesPrinterId, p.account.id());
    }
    p.record = next;
    p.pendingPrinterId = null;
    pending.remove(next.id());
    notifyAll();
    log(p, null);
    audit.record(AuditLog.LINK_OUTCOME, p.account.id(), p.agent.networkKey(), "LINKED " + next.id() + " " + next.printerId());
    metrics.linkOutcome(LinkState.LINKED.name());
    events.linkState(p.account.id(), next.view());
  }

  private synchronized void expire(String id) {
    Pending p = pending.get(id);
    if (p != null && (p.record.state() == LinkState.QUEUED || p.record.state() == LinkState.DELIVERED)) {
      finish(p, LinkState.EXPIRED, REASON_EXPIRED);
    }
  }

  private synchronized void ackTimeout(String id) {
    Pending p = pending.get(id);
    if (p != null && p.record.state() == LinkState.VERIFIED) {
      finish(p, LinkState.FAILED, REASON_ACK_TIMEOUT);
    }
  }

  /** An end other than LINKED: roll back any pending printer, persist, push, audit. */
  private void finish(Pending p, LinkState end, String reason) {
    p.cancelTimer();
    LinkRequestRecord next = p.record.with(end, reason, null);
    store.rolledBack(next, p.pendingPrinterId, clock.instant());
    p.record = next;
    p.pendingPrinterId = null;
    pending.remove(next.id());
    notifyAll();
    log(p, null);
    audit.record(AuditLog.LINK_OUTCOME, p.account.id(), p.agent.networkKey(), end + " " + next.id() + ": " + reason);
    metrics.linkOutcome(end.name());
    events.linkState(p.account.id(), next.view());
  }

  private void transition(Pending p, LinkState state, String reason) {
    LinkRequestRecord next = p.record.with(state, reason, p.record.printerId());
    store.update(next, clock.instant());
    p.record = next;
    log(p, null);
    events.linkState(p.account.id(), next.view());
  }

  private static void log(Pending p, String callerKey) {
    LinkRequestRecord r = p.record;
    if (callerKey != null) {
      LOG.info("link request {} {} (account {}, from network key {})", r.id(), r.state(), r.accountId(), callerKey);
    } else if (r.reason() != null) {
      LOG.info("link request {} {}: {}", r.id(), r.state(), r.reason());
    } else {
      LOG.info("link request {} {}", r.id(), r.state());
    }
  }

  private static final class Pending {
    LinkRequestRecord record;
    final Account account;
    final AgentConnection agent;
    final Announce announce;
    String pendingPrinterId;
    /** C-16: the same account's old printer this link retires when it reaches LINKED, or null. */
    String replacesPrinterId;
    ScheduledFuture<?> timer;

    Pending(LinkRequestRecord record, Account account, AgentConnection agent, Announce announce) {
      this.record = record;
      this.account = account;
      this.agent = agent;
      this.announce = announce;
    }

    void cancelTimer() {
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
    }
  }
}
