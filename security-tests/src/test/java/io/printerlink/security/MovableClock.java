package io.printerlink.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Test time: a wall {@link Clock} that can be jumped, and a monotonic nanosecond source that
 * only moves when told to. Both thread-safe, both owned by one test.
 */
final class MovableClock extends Clock {
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
  private final Clock base;

  MovableClock(Clock base) {
    this.base = base;
  }

  /** A wall clock {@code offset} away from the real one. */
  static MovableClock offsetBy(Duration offset) {
    MovableClock c = new MovableClock(Clock.systemUTC());
    c.jump(offset);
    return c;
  }

  void jump(Duration by) {
    offset.accumulateAndGet(by, Duration::plus);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  /** A monotonic source that stands still until {@link #advance}. */
  static final class Nanos implements LongSupplier {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    void advance(Duration by) {
      now.addAndGet(by.toNanos());
    }

    @Override
    public long getAsLong() {
      return now.get();
    }
  }
}
