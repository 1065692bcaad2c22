package io.printerlink.relay.limits;

import io.printerlink.relay.http.ApiException;
import java.time.Duration;

/** The answer of a rate limiter: allowed, or refused with how long to wait before trying again. */
public record Decision(boolean allowed, Duration retryAfter) {
  private static final Decision ALLOWED = new Decision(true, Duration.ZERO);

  public Decision {
    if (retryAfter == null || retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must be zero or positive");
    }
  }

  public static Decision allow() {
    return ALLOWED;
  }

  public static Decision refuse(Duration retryAfter) {
    return new Decision(false, retryAfter);
  }

  /** Whole seconds to wait, rounded up, at least 1 (the {@code Retry-After} header's unit). */
  public long retryAfterSeconds() {
    long s = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
    return Math.max(1, s);
  }

  /**
   * Nothing when allowed; else the HTTP refusal: 429 {@code RATE_LIMITED} with
   * {@code Retry-After}, and {@code message} (which must not name the key: it may be an address).
   */
  public void orThrow(String message) {
    if (!allowed) {
      throw ApiException.rateLimited(retryAfterSeconds(), message);
    }
  }
}
