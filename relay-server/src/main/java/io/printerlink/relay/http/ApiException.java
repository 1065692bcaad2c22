package io.printerlink.relay.http;

import io.printerlink.protocol.ErrorCodes;

/**
 * An expected refusal: HTTP status, error code and a message safe to show the caller (it never
 * holds a secret or another account's data). Carries no stack trace: it is control flow.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final Long retryAfterSeconds;

  public ApiException(int status, String code, String message) {
    this(status, code, message, null);
  }

  private ApiException(int status, String code, String message, Long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Seconds for a {@code Retry-After} header, or null when the refusal carries none. */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** 429 {@code RATE_LIMITED}; the reply carries {@code Retry-After: seconds}. */
  public static ApiException rateLimited(long retryAfterSeconds, String message) {
    if (retryAfterSeconds < 1) {
      throw new IllegalArgumentException("retryAfterSeconds must be at least 1");
    }
    return new ApiException(429, ErrorCodes.RATE_LIMITED, message, retryAfterSeconds);
  }

  public static ApiException unauthorized() {
    return new ApiException(401, ErrorCodes.UNAUTHORIZED, "sign in first: a valid bearer token is required");
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, ErrorCodes.NOT_FOUND, what + " not found");
  }
}
