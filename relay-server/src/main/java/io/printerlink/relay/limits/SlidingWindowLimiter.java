package io.printerlink.relay.limits;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * At most {@code max} events per key in any span of {@code window} on the monotonic clock: a
 * sliding log of event times per key, so the Retry-After it reports is exact (when the oldest
 * counted event leaves the window). Thread-safe. Memory is bounded by the events it admitted
 * within one window: an emptied key is forgotten.
 *
 * <p>Unlike {@link KeyedRateLimits} (a token bucket that refills smoothly, for request rates),
 * this never admits more than {@code max} in any window, which is what a brute-force bound needs.
 * Two ways to use it: {@link #tryAcquire} counts every attempt (issue per account);
 * {@link #check} then {@link #record} counts only what the caller decides is a failure (code
 * guesses), and the caller holds its own lock across both when the count must be exact.
 */
public final class SlidingWindowLimiter {
  private final int max;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private final Map<String, ArrayDeque<Long>> events = new HashMap<>();

  public SlidingWindowLimiter(int max, Duration window, LongSupplier nanoTime) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be a positive duration");
    }
    this.max = max;
    this.windowNanos = window.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Whether one more event for {@code key} is allowed now; records nothing. */
  public synchronized Decision check(String key) {
    long now = nanoTime.getAsLong();
    ArrayDeque<Long> log = prune(key, now);
    if (log == null || log.size() < max) {
      return Decision.allow();
    }
    return Decision.refuse(Duration.ofNanos(Math.max(1, log.peekFirst() + windowNanos - now)));
  }

  /** Counts one event for {@code key} now. */
  public synchronized void record(String key) {
    long now = nanoTime.getAsLong();
    prune(key, now);
    ArrayDeque<Long> log = events.computeIfAbsent(key, k -> new ArrayDeque<>());
    log.addLast(now);
    while (log.size() > max) {
      log.removeFirst();
    }
  }

  /**
   * Takes back the newest event of {@code key}: for a caller that counts an attempt as a failure
   * before the (slow) outcome is known, so that concurrent attempts cannot pass a full count, and
   * releases it when the attempt succeeded.
   */
  public synchronized void release(String key) {
    ArrayDeque<Long> log = events.get(key);
    if (log != null) {
      log.pollLast();
      if (log.isEmpty()) {
        events.remove(key);
      }
    }
  }

  /** {@link #check} and, when allowed, {@link #record}, atomically. */
  public synchronized Decision tryAcquire(String key) {
    Decision d = check(key);
    if (d.allowed()) {
      record(key);
    }
    return d;
  }

  /** Forgets keys whose events all left the window (called by a periodic sweep). */
  public synchronized void sweep() {
    long now = nanoTime.getAsLong();
    for (Iterator<Map.Entry<String, ArrayDeque<Long>>> it = events.entrySet().iterator(); it.hasNext(); ) {
      ArrayDeque<Long> log = it.next().getValue();
      while (!log.isEmpty() && now - log.peekFirst() >= windowNanos) {
        log.removeFirst();
      }
      if (log.isEmpty()) {
        it.remove();
      }
    }
  }

  /** How many keys are tracked now (tests and metrics). */
  public synchronized int trackedKeys() {
    return events.size();
  }

  private ArrayDeque<Long> prune(String key, long now) {
    ArrayDeque<Long> log = events.get(key);
    if (log == null) {
      return null;
    }
    while (!log.isEmpty() && now - log.peekFirst() >= windowNanos) {
      log.removeFirst();
    }
    if (log.isEmpty()) {
      events.remove(key);
      return null;
    }
    return log;
  }
}
