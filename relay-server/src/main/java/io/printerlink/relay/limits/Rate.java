package io.printerlink.relay.limits;

import java.time.Duration;

/**
 * A rate limit's setting: at most {@code permits} per {@code period}, as a token bucket that holds
 * {@code permits} and refills them smoothly over {@code period} (so a burst of {@code permits} is
 * allowed, then one more every {@code period / permits}). A plain value for config types.
 */
public record Rate(int permits, Duration period) {
  public Rate {
    if (permits < 1) {
      throw new IllegalArgumentException("rate permits must be at least 1");
    }
    if (period == null || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("rate period must be a positive duration");
    }
  }

  public static Rate of(int permits, Duration period) {
    return new Rate(permits, period);
  }

  public static Rate perMinute(int permits) {
    return new Rate(permits, Duration.ofMinutes(1));
  }

  public static Rate perSecond(int permits) {
    return new Rate(permits, Duration.ofSeconds(1));
  }

  @Override
  public String toString() {
    return permits + " per " + period;
  }
}
