package io.printerlink.agent.relay;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;

/**
 * Capped exponential reconnect delay with ±20 % jitter (so many agents behind one relay restart do
 * not reconnect in lockstep). Not thread-safe: used from the agent thread only.
 */
public final class Backoff {
  private final long minMillis;
  private final long maxMillis;
  private final SecureRandom random;
  private long nextMillis;

  public Backoff(Duration min, Duration max, SecureRandom random) {
    this.minMillis = min.toMillis();
    this.maxMillis = max.toMillis();
    this.random = Objects.requireNonNull(random, "random");
    if (minMillis < 1 || maxMillis < minMillis) {
      throw new IllegalArgumentException("backoff needs 1 ms <= min <= max");
    }
    this.nextMillis = minMillis;
  }

  /** The delay before the next attempt; each call doubles the base up to the cap. */
  public Duration next() {
    long base = nextMillis;
    nextMillis = Math.min(maxMillis, nextMillis * 2);
    long jitter = (long) (base * 0.2 * (random.nextDouble() * 2 - 1));
    return Duration.ofMillis(Math.max(1, Math.min(maxMillis, base + jitter)));
  }

  /** After a successful connection: start from the minimum again. */
  public void reset() {
    nextMillis = minMillis;
  }
}
