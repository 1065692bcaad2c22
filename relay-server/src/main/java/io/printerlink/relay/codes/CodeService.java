package io.printerlink.relay.codes;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.AgentLinkCodeRequest;
import io.printerlink.protocol.api.AgentLinkCodeResponse;
import io.printerlink.protocol.api.LinkCodeResponse;
import io.printerlink.protocol.ws.LinkCodeEvent;
import io.printerlink.relay.events.ClientEvents;
import io.printerlink.relay.http.ApiException;
import io.printerlink.relay.limits.Decision;
import io.printerlink.relay.limits.DefenceMetrics;
import io.printerlink.relay.limits.SlidingWindowLimiter;
import io.printerlink.relay.store.Account;
import io.printerlink.relay.store.AuditLog;
import io.printerlink.relay.store.Database;
import io.printerlink.relay.store.Ids;
import io.printerlink.relay.store.PrinterRecord;
import io.printerlink.relay.store.StoreStoppedException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manual 6-digit code (PROTOCOL.md "The manual fallback"): issue, redeem, acknowledge, expire.
 *
 * <p>Issue: one live code per account (asking again re-shows it with its remaining life),
 * drawn uniformly from 000000-999999 with the relay's {@link SecureRandom}, unique among live
 * codes by the database's unique index, at most {@code maxLiveCodes} live at once, throttled per
 * account. Redemption: throttled by counting failures per network key and relay-wide; while
 * either count is full every attempt is refused 429 without looking at the code. Every failure
 * goes to the audit log. A match spends the code and then runs the auto path's token step: a
 * PENDING printer with the token's hash, the token to the agent, and the printer becomes ACTIVE
 * only when the agent acknowledges within {@code tokenAckTimeout}; otherwise it is deleted.
 * Code times follow the relay's {@link Clock}; throttles follow the monotonic clock.
 */
public final class CodeService extends AbstractLifeCycle {
  private static final Logger LOG = LoggerFactory.getLogger(CodeService.class);

  static final String ID_PREFIX = "lc_";
  static final String GLOBAL_KEY = "*";
  static final String REASON_ACK_TIMEOUT = "the printer did not confirm it stored its token in time";
  static final String REASON_RESTARTED = "relay restarted";
  /** Audit event for every refused redemption or code request (detail: the error code, never the digits). */
  public static final String AUDIT_CODE_REFUSED = "LINK_CODE_REFUSED";
  /** Audit event for a code that linked a printer. */
  public static final String AUDIT_CODE_LINKED = "LINK_CODE_LINKED";
  /** Draws before giving up on finding digits no live code holds (at most maxLiveCodes of 10^6 are taken). */
  static final int DRAW_ATTEMPTS = 32;

  /** The limits, from the relay's config. */
  public record Settings(
      Duration life,
      int maxLiveCodes,
      int failuresPerKey,
      int failuresGlobal,
      Duration failureWindow,
      int issuesPerAccount,
      Duration issueWindow,
      Duration sweep,
      Duration tokenAckTimeout) {}

  private final Settings settings;
  private final CodeStore store;
  private final ClientEvents events;
  private final AuditLog audit;
  private final Ids ids;
  private final SecureRandom random;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final DefenceMetrics metrics;
  private final SlidingWindowLimiter issueLimiter;
  private final SlidingWindowLimiter failuresPerKey;
  private final SlidingWindowLimiter failuresGlobal;
  private final Object issueLock = new Object();
  private final Object redeemLock = new Object();
  private final Map<String, ScheduledFuture<?>> ackTimers = new HashMap<>();
  private ScheduledFuture<?> sweeper;

  public CodeService(Settings settings, Database db, ClientEvents events, AuditLog audit, Ids ids,
      SecureRandom random, Clock clock, LongSupplier nanoTime, ScheduledExecutorService scheduler,
      DefenceMetrics metrics) {
    this.settings = settings;
    this.store = new CodeStore(db);
    this.events = events;
    this.audit = audit;
    this.ids = ids;
    this.random = random;
    this.clock = clock;
    this.scheduler = scheduler;
    this.metrics = metrics;
    this.issueLimiter = new SlidingWindowLimiter(settings.issuesPerAccount(), settings.issueWindow(), nanoTime);
    this.failuresPerKey = new SlidingWindowLimiter(settings.failuresPerKey(), settings.failureWindow(), nanoTime);
    this.failuresGlobal = new SlidingWindowLimiter(settings.failuresGlobal(), settings.failureWindow(), nanoTime);
  }

  @Override
  protected void doStart() {
    List<CodeStore.Ended> failed = store.recoverAfterRestart(REASON_RESTARTED, clock.instant());
    if (!failed.isEmpty()) {
      LOG.info("start-up recovery: {} redeemed but unacknowledged link codes failed", failed.size());
    }
    for (CodeStore.Ended e : failed) {
      audit.record(AuditLog.LINK_OUTCOME, e.accountId(), null, "FAILED " + e.id() + ": " + REASON_RESTARTED);
    }
    long every = settings.sweep().toMillis();
    sweeper = scheduler.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() {
    if (sweeper != null) {
      sweeper.cancel(false);
    }
    synchronized (ackTimers) {
      ackTimers.values().forEach(t -> t.cancel(false));
      ackTimers.clear();
    }
  }

  /** What an issue call answers: the code and whether it was made now (201) or re-shown (200). */
  public record Issued(LinkCodeResponse response, boolean fresh) {}

  /** {@code POST /api/v1/link-codes}. */
  public Issued issue(Account account, String networkKey) {
    Decision d = issueLimiter.tryAcquire(account.id());
    if (!d.allowed()) {
      metrics.recordRateLimited();
      refuse(account.id(), networkKey, "issue " + ErrorCodes.RATE_LIMITED + " per account");
      throw ApiException.rateLimited(d.retryAfterSeconds(), "too many code requests; try again later");
    }
    Instant now = clock.instant();
    CodeStore.Issue issue;
    // One issuer at a time keeps the relay-wide live-code cap exact; uniqueness is the database's.
    synchronized (issueLock) {
      issue = store.issue(ids.next(ID_PREFIX), account.id(), now, now.plus(settings.life()), this::draw,
          settings.maxLiveCodes(), DRAW_ATTEMPTS);
    }
    if (issue.endedStale()) {
      events.linkCode(account.id(), new LinkCodeEvent(CodeStore.EXPIRED, "the code expired", null, null));
    }
    if (issue.live().isEmpty()) {
      refuse(account.id(), networkKey, "issue " + issue.refusal());
      LOG.warn("link code refused for account {}: {} (max live codes {})", account.id(), issue.refusal(),
          settings.maxLiveCodes());
      throw ApiException.rateLimited(settings.sweep().toSeconds() + 1,
          "too many link codes are in use right now; try again shortly");
    }
    CodeStore.Live live = issue.live().get();
    long left = secondsLeft(now, live.expiresAt());
    if (live.fresh()) {
      LOG.info("link code {} issued for account {} ({} s)", live.id(), account.id(), left);
    }
    return new Issued(new LinkCodeResponse(live.code(), left), live.fresh());
  }

  /** {@code POST /api/v1/agent/link-code}: redeem, then the token step's first phase. */
  public AgentLinkCodeResponse redeem(String networkKey, AgentLinkCodeRequest req) {
    if (req.protocol() != Limits.PROTOCOL_VERSION) {
      refuse(null, networkKey, ErrorCodes.PROTOCOL_UNSUPPORTED + " protocol " + req.protocol());
      throw new ApiException(400, ErrorCodes.PROTOCOL_UNSUPPORTED,
          "this relay speaks link-code protocol " + Limits.PROTOCOL_VERSION);
    }
    Secret token = Secrets.newToken(random);
    String printerId = ids.next(Ids.PRINTER);
    CodeStore.Redemption r;
    synchronized (redeemLock) {
      // Held across check, redemption and count, so concurrent guesses cannot pass a full count.
      Decision global = failuresGlobal.check(GLOBAL_KEY);
      Decision mine = failuresPerKey.check(networkKey);
      if (!global.allowed() || !mine.allowed()) {
        Decision d = !mine.allowed() ? mine : global;
        String scope = !mine.allowed() ? "network key" : "relay-wide";
        metrics.recordRateLimited();
        refuse(null, networkKey, ErrorCodes.RATE_LIMITED + " " + scope);
        throw ApiException.rateLimited(d.retryAfterSeconds(), "too many wrong codes; try again later");
      }
      r = store.redeem(req.code(), clock.instant(), printerId, PrinterRecord.initialName(req.agentName(), req.hostname()),
          req.model(), Secrets.sha256Hex(token));
      if (r.outcome() != CodeStore.Outcome.REDEEMED) {
        failuresPerKey.record(networkKey);
        failuresGlobal.record(GLOBAL_KEY);
      }
    }
    switch (r.outcome()) {
      case NOT_FOUND:
        refuse(null, networkKey, ErrorCodes.CODE_NOT_FOUND);
        throw new ApiException(404, ErrorCodes.CODE_NOT_FOUND, "no live code has these digits");
      case EXPIRED:
        refuse(r.accountId(), networkKey, ErrorCodes.CODE_EXPIRED + " " + r.codeId());
        if (r.endedNow()) {
          events.linkCode(r.accountId(), new LinkCodeEvent(CodeStore.EXPIRED, "the code expired", null, null));
        }
        throw new ApiException(410, ErrorCodes.CODE_EXPIRED, "this code has expired; ask for a new one");
      case ALREADY_USED:
        refuse(r.accountId(), networkKey, ErrorCodes.CODE_ALREADY_USED + " " + r.codeId());
        throw new ApiException(409, ErrorCodes.CODE_ALREADY_USED, "this code was already used; ask for a new one");
      case REDEEMED:
      default:
        break;
    }
    LOG.info("link code {} redeemed from network key {}: printer {} PENDING for account {}", r.codeId(), networkKey,
        printerId, r.accountId());
    String codeId = r.codeId();
    synchronized (ackTimers) {
      ackTimers.put(codeId, scheduler.schedule(() -> ackTimeout(codeId), settings.tokenAckTimeout().toMillis(),
          TimeUnit.MILLISECONDS));
    }
    events.linkCode(r.accountId(), new LinkCodeEvent(CodeStore.REDEEMED, null, printerId,
        PrinterRecord.initialName(req.agentName(), req.hostname())));
    return new AgentLinkCodeResponse(codeId, printerId, r.accountId(), r.accountName(), token);
  }

  /** {@code POST /api/v1/agent/token-stored}: the token step's second phase. */
  public void acknowledge(String networkKey, Secret bearer, String codeId) {
    CodeStore.Ack ack = store.acknowledge(codeId, Secrets.sha256Hex(bearer));
    switch (ack.outcome()) {
      case UNKNOWN:
        refuse(null, networkKey, "token-stored " + ErrorCodes.NOT_FOUND);
        throw ApiException.notFound("link request");
      case WRONG_TOKEN:
        refuse(null, networkKey, "token-stored " + ErrorCodes.UNAUTHORIZED + " " + codeId);
        throw ApiException.unauthorized();
      case TOO_LATE:
        refuse(ack.accountId(), networkKey, "token-stored too late " + codeId);
        throw new ApiException(410, ErrorCodes.CODE_EXPIRED,
            "the relay stopped waiting for this acknowledgement and rolled the link back; link again with a new code");
      case ALREADY_LINKED:
        return;
      case LINKED:
      default:
        break;
    }
    cancelAckTimer(codeId);
    LOG.info("link code {}: printer {} LINKED for account {}", codeId, ack.printerId(), ack.accountId());
    audit.record(AUDIT_CODE_LINKED, ack.accountId(), networkKey, "LINKED " + codeId + " " + ack.printerId());
    events.linkCode(ack.accountId(), new LinkCodeEvent(CodeStore.LINKED, null, ack.printerId(), null));
  }

  private void ackTimeout(String codeId) {
    synchronized (ackTimers) {
      ackTimers.remove(codeId);
    }
    try {
      store.rollBack(codeId, REASON_ACK_TIMEOUT, clock.instant()).ifPresent(accountId -> {
        LOG.info("link code {} FAILED: {}", codeId, REASON_ACK_TIMEOUT);
        audit.record(AuditLog.LINK_OUTCOME, accountId, null, "FAILED " + codeId + ": " + REASON_ACK_TIMEOUT);
        events.linkCode(accountId, new LinkCodeEvent(CodeStore.FAILED, REASON_ACK_TIMEOUT, null, null));
      });
    } catch (RuntimeException e) {
      if (duringStop(e)) {
        LOG.warn("link code {} not rolled back: the relay is shutting down ({})", codeId, e.getMessage());
      } else {
        LOG.error("rolling back link code {} failed", codeId, e);
      }
    }
  }

  private void sweep() {
    try {
      for (CodeStore.Ended e : store.expireDue(clock.instant())) {
        LOG.info("link code {} EXPIRED", e.id());
        events.linkCode(e.accountId(), new LinkCodeEvent(CodeStore.EXPIRED, "the code expired", null, null));
      }
      issueLimiter.sweep();
      failuresPerKey.sweep();
      failuresGlobal.sweep();
    } catch (RuntimeException e) {
      if (duringStop(e)) {
        LOG.warn("link code sweep skipped: the relay is shutting down ({})", e.getMessage());
      } else {
        LOG.error("link code sweep failed", e);
      }
    }
  }

  /** A store failure because the relay is stopping: one WARN line, not an ERROR with a stack trace. */
  private boolean duringStop(RuntimeException e) {
    return e instanceof StoreStoppedException || isStopping() || isStopped();
  }

  private void cancelAckTimer(String codeId) {
    synchronized (ackTimers) {
      ScheduledFuture<?> t = ackTimers.remove(codeId);
      if (t != null) {
        t.cancel(false);
      }
    }
  }

  private void refuse(String accountId, String networkKey, String detail) {
    LOG.info("link code refused (network key {}): {}", networkKey, detail);
    audit.record(AUDIT_CODE_REFUSED, accountId, networkKey, detail);
  }

  /** Six digits, uniform over 000000-999999 ({@code nextInt(bound)} has no modulo bias). */
  private String draw() {
    return String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
  }

  private static long secondsLeft(Instant now, Instant expiresAt) {
    long millis = Duration.between(now, expiresAt).toMillis();
    return Math.max(0, Math.min(Limits.DISCOVERY_WINDOW.toSeconds(), (millis + 999) / 1000));
  }
}
