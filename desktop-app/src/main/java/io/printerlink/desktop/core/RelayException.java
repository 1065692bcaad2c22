package io.printerlink.desktop.core;

/**
 * The relay refused a call or could not be reached. {@link #code()} is the relay's error code
 * ({@code ErrorCodes}) or one of this class's client-side codes; {@link #httpStatus()} is 0 when
 * no HTTP answer came. Messages never carry tokens or passwords.
 */
public final class RelayException extends Exception {
  private static final long serialVersionUID = 1L;

  /** No connection could be made, or it broke before an answer. */
  public static final String UNREACHABLE = "RELAY_UNREACHABLE";
  /** No answer in time. */
  public static final String TIMEOUT = "RELAY_TIMEOUT";
  /** An answer that is not the agreed JSON. */
  public static final String BAD_RESPONSE = "BAD_RESPONSE";

  private final String code;
  private final int httpStatus;

  public RelayException(String code, String message, int httpStatus) {
    super(message, null, false, false);
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("code is required");
    }
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
