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
  private final long retryAfterSeconds;

  public ApiException(int status, String code, String message) {
    this(status, code, message, 0);
  }

  private ApiException(int status, String code, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 429 {@code RATE_LIMITED}, answered with {@code Retry-After: seconds}. */
  public static ApiException rateLimited(long retryAfterSeconds, String message) {
    return new ApiException(429, ErrorCodes.RATE_LIMITED, message, Math.max(1, retryAfterSeconds));
  }

  /** Seconds for a {@code Retry-After} header, or 0 for none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException unauthorized() {
    return new ApiException(401, ErrorCodes.UNAUTHORIZED, "sign in first: a valid bearer token is required");
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, ErrorCodes.NOT_FOUND, what + " not found");
  }
}
