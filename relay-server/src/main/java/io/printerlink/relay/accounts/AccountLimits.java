package io.printerlink.relay.accounts;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.relay.http.ApiException;
import io.printerlink.relay.limits.Decision;
import io.printerlink.relay.limits.DefenceMetrics;
import io.printerlink.relay.limits.KeyedRateLimits;
import io.printerlink.relay.limits.Rate;
import io.printerlink.relay.limits.SlidingWindowLimiter;
import io.printerlink.relay.limits.Throttle;
import io.printerlink.relay.store.AuditLog;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account endpoints' throttles. Sign-in: failures counted per network key and per username
 * (as code redemption counts wrong codes); while either count is full, every attempt for it is
 * refused 429 {@code RATE_LIMITED} with {@code Retry-After} without looking at the password, and
 * audited. An attempt holds a failure slot in both counts while its password is checked and gives
 * it back when it succeeds, so concurrent guesses cannot pass a full count. New accounts: a
 * {@link Throttle} per network key, like link requests.
 */
public final class AccountLimits {
  private static final Logger LOG = LoggerFactory.getLogger(AccountLimits.class);
  /** Audit event of a refused sign-in attempt (detail: which count was full; never the username or password). */
  public static final String AUDIT_SIGN_IN_THROTTLED = "SIGN_IN_THROTTLED";
  static final String SIGN_IN_REFUSAL = "too many failed sign-ins; wait and try again";

  /** The limits, from the relay's config. */
  public record Settings(int failuresPerKey, int failuresPerUsername, Duration failureWindow, Rate accountsPerKey) {}

  private final SlidingWindowLimiter failuresPerKey;
  private final SlidingWindowLimiter failuresPerUsername;
  private final Throttle creations;
  private final DefenceMetrics metrics;
  private final AuditLog audit;

  public AccountLimits(Settings settings, LongSupplier nanoTime, DefenceMetrics metrics, AuditLog audit) {
    this.failuresPerKey = new SlidingWindowLimiter(settings.failuresPerKey(), settings.failureWindow(), nanoTime);
    this.failuresPerUsername = new SlidingWindowLimiter(settings.failuresPerUsername(), settings.failureWindow(), nanoTime);
    this.creations = new Throttle(new KeyedRateLimits("new accounts per network key", settings.accountsPerKey(), nanoTime),
        metrics, "too many new accounts from your network; wait and try again");
    this.metrics = metrics;
    this.audit = audit;
  }

  /** Before an account is created: one permit of the network key's, or 429. */
  void beforeCreate(String networkKey) {
    creations.acquire(networkKey);
  }

  /** Before a password is checked: takes a failure slot in both counts, or refuses with 429. */
  void beforeSignIn(String username, String networkKey) {
    String scope;
    Decision refused;
    synchronized (this) {
      Decision mine = failuresPerKey.check(networkKey);
      Decision theirs = failuresPerUsername.check(username);
      if (mine.allowed() && theirs.allowed()) {
        failuresPerKey.record(networkKey);
        failuresPerUsername.record(username);
        return;
      }
      scope = !mine.allowed() ? "network key" : "username";
      refused = !mine.allowed() ? mine : theirs;
    }
    metrics.recordRateLimited();
    LOG.info("sign-in from network key {} refused: too many failures per {}; retry after {} s", networkKey, scope,
        refused.retryAfterSeconds());
    audit.record(AUDIT_SIGN_IN_THROTTLED, null, networkKey, ErrorCodes.RATE_LIMITED + " per " + scope);
    throw ApiException.rateLimited(refused.retryAfterSeconds(), SIGN_IN_REFUSAL);
  }

  /** The attempt {@link #beforeSignIn} admitted was no failed sign-in: its failure slots are given back. */
  void release(String username, String networkKey) {
    synchronized (this) {
      failuresPerKey.release(networkKey);
      failuresPerUsername.release(username);
    }
  }

  /** Forgets counts that left the window (the relay's timers call it). */
  public void sweep() {
    failuresPerKey.sweep();
    failuresPerUsername.sweep();
  }
}
