package io.printerlink.relay.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One token bucket (Bucket4j) on the relay's injected monotonic clock: a global limit, or one
 * connection's message rate. Thread-safe. For a limit per key (network key, account) use
 * {@link KeyedRateLimits}.
 */
public final class RateLimiter {
  private final Rate rate;
  private final Bucket bucket;

  public RateLimiter(Rate rate, LongSupplier nanoTime) {
    this.rate = Objects.requireNonNull(rate, "rate");
    this.bucket = bucket(rate, nanoTime);
  }

  /** Takes one permit if there is one. */
  public Decision tryAcquire() {
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Decision.allow() : Decision.refuse(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  public Rate rate() {
    return rate;
  }

  /** True when the bucket is full again: nobody used it within the last period (safe to forget). */
  boolean idle() {
    return bucket.getAvailableTokens() >= rate.permits();
  }

  static Bucket bucket(Rate rate, LongSupplier nanoTime) {
    Objects.requireNonNull(nanoTime, "nanoTime");
    TimeMeter meter = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return nanoTime.getAsLong();
      }

      @Override
      public boolean isWallClockBased() {
        return false;
      }
    };
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(rate.permits()).refillGreedy(rate.permits(), rate.period()))
        .withCustomTimePrecision(meter)
        .build();
  }
}
