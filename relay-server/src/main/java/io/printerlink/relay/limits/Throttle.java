package io.printerlink.relay.limits;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KeyedRateLimits} as an HTTP guard: {@link #acquire} takes a permit for a key or refuses
 * with 429 {@code RATE_LIMITED} and {@code Retry-After}, counting the refusal in
 * {@link DefenceMetrics#rateLimited()} and logging it at INFO.
 */
public final class Throttle {
  private static final Logger LOG = LoggerFactory.getLogger(Throttle.class);

  private final KeyedRateLimits limits;
  private final DefenceMetrics metrics;
  private final String refusal;

  /** @param refusal the message the caller gets; it must not name the key */
  public Throttle(KeyedRateLimits limits, DefenceMetrics metrics, String refusal) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.refusal = Objects.requireNonNull(refusal, "refusal");
  }

  public void acquire(String key) {
    Decision d = limits.tryAcquire(key);
    if (!d.allowed()) {
      metrics.recordRateLimited();
      LOG.info("rate limit '{}' ({}) refused {}; retry after {} s", limits.name(), limits.rate(), key,
          d.retryAfterSeconds());
      d.orThrow(refusal);
    }
  }
}
