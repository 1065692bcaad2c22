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

  public ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
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
