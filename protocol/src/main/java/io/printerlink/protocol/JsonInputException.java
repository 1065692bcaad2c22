package io.printerlink.protocol;

/**
 * Bad input on the wire. The message names the field and the rule, never the value, so it is
 * safe to send back to the caller and to log.
 */
public final class JsonInputException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String code;

  public JsonInputException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** One of {@link ErrorCodes#BAD_JSON}, {@link ErrorCodes#UNKNOWN_FIELD}, {@link ErrorCodes#INVALID_FIELD}, {@link ErrorCodes#TOO_LARGE}. */
  public String code() {
    return code;
  }
}
