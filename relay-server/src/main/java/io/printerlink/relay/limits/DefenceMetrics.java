package io.printerlink.relay.limits;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of the relay's abuse defences, one instance per relay (no static state), read through
 * plain getters so a metrics exporter can publish them. Every counter only grows.
 */
public final class DefenceMetrics {
  private final AtomicLong crowdedKeyAlarms = new AtomicLong();
  private final AtomicLong largestKeyPopulation = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong upgradesRefused = new AtomicLong();
  private final AtomicLong socketsClosedForPolicy = new AtomicLong();
  private final AtomicLong forwardedHeadersRejected = new AtomicLong();

  /** Times a network key crossed the crowding threshold (agents or accounts in the window). */
  public long crowdedKeyAlarms() {
    return crowdedKeyAlarms.get();
  }

  /** The largest number of agents or accounts one network key carried in one window so far. */
  public long largestKeyPopulation() {
    return largestKeyPopulation.get();
  }

  /** Requests and messages refused by a rate limit (HTTP 429 or WebSocket {@code RATE_LIMITED}). */
  public long rateLimited() {
    return rateLimited.get();
  }

  /** WebSocket upgrades refused by the per-network-key connection cap. */
  public long upgradesRefused() {
    return upgradesRefused.get();
  }

  /** WebSockets closed for a policy violation (message rate, binary frames, ignoring Retry-After). */
  public long socketsClosedForPolicy() {
    return socketsClosedForPolicy.get();
  }

  /** Requests refused because a trusted proxy's Forwarded / X-Forwarded-For chain was malformed. */
  public long forwardedHeadersRejected() {
    return forwardedHeadersRejected.get();
  }

  public void recordCrowdedKeyAlarm(int population) {
    crowdedKeyAlarms.incrementAndGet();
    recordKeyPopulation(population);
  }

  public void recordKeyPopulation(int population) {
    largestKeyPopulation.accumulateAndGet(population, Math::max);
  }

  public void recordRateLimited() {
    rateLimited.incrementAndGet();
  }

  public void recordUpgradeRefused() {
    upgradesRefused.incrementAndGet();
  }

  public void recordSocketClosedForPolicy() {
    socketsClosedForPolicy.incrementAndGet();
  }

  public void recordForwardedHeaderRejected() {
    forwardedHeadersRejected.incrementAndGet();
  }
}
