package io.printerlink.desktop.core;

/**
 * The LAN exchange with the printer failed; the message says why in plain words and
 * {@link #code()} says which kind of failure it was, so a UI can choose its own words.
 */
public final class ExchangeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** No TCP connection, or no answer within the LAN timeouts. */
  public static final String UNREACHABLE = "PRINTER_UNREACHABLE";
  /** The agent answered 403: wrong instance id, window closed, or too many failures. */
  public static final String REFUSED = "PRINTER_REFUSED";
  /** The agent answered something other than the agreed exchange reply. */
  public static final String BAD_ANSWER = "PRINTER_BAD_ANSWER";
  /** The advertised address is not a local-network address: not contacted at all. */
  public static final String NOT_LAN = "PRINTER_NOT_LAN";

  private final String code;

  public ExchangeException(String message) {
    this(BAD_ANSWER, message);
  }

  public ExchangeException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
