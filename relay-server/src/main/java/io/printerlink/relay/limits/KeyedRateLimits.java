package io.printerlink.relay.limits;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One {@link RateLimiter} per key (a network key, an account id, ...), all with the same
 * {@link Rate}. Thread-safe. Memory stays bounded by the keys used within one period: when more
 * than {@code sweepAbove} keys are held, buckets that have refilled completely (unused for a whole
 * period, so forgetting them changes no decision) are dropped.
 */
public final class KeyedRateLimits {
  /** Keys held before idle buckets are swept. */
  public static final int DEFAULT_SWEEP_ABOVE = 10_000;

  private final String name;
  private final Rate rate;
  private final LongSupplier nanoTime;
  private final int sweepAbove;
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
  private final Object sweepLock = new Object();
  private int nextSweepAt;

  /** @param name what is limited, for logs and messages ("link requests per network key") */
  public KeyedRateLimits(String name, Rate rate, LongSupplier nanoTime) {
    this(name, rate, nanoTime, DEFAULT_SWEEP_ABOVE);
  }

  public KeyedRateLimits(String name, Rate rate, LongSupplier nanoTime, int sweepAbove) {
    this.name = Objects.requireNonNull(name, "name");
    this.rate = Objects.requireNonNull(rate, "rate");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    if (sweepAbove < 1) {
      throw new IllegalArgumentException("sweepAbove must be at least 1");
    }
    this.sweepAbove = sweepAbove;
    this.nextSweepAt = sweepAbove;
  }

  /** Takes one permit from {@code key}'s bucket if there is one. */
  public Decision tryAcquire(String key) {
    Objects.requireNonNull(key, "key");
    RateLimiter limiter = limiters.get(key);
    if (limiter == null) {
      sweepIfLarge();
      limiter = limiters.computeIfAbsent(key, k -> new RateLimiter(rate, nanoTime));
    }
    return limiter.tryAcquire();
  }

  public String name() {
    return name;
  }

  public Rate rate() {
    return rate;
  }

  /** Keys currently held (for tests and metrics). */
  public int size() {
    return limiters.size();
  }

  private void sweepIfLarge() {
    synchronized (sweepLock) {
      if (limiters.size() < nextSweepAt) {
        return;
      }
      limiters.values().removeIf(RateLimiter::idle);
      nextSweepAt = Math.max(sweepAbove, limiters.size() * 2);
    }
  }

  @Override
  public String toString() {
    return "KeyedRateLimits[" + name + ", " + rate + "]";
  }
}
