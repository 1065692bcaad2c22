package io.printerlink.desktop.core;

/** The LAN exchange with the printer failed; the message says why in plain words. */
public final class ExchangeException extends Exception {
  private static final long serialVersionUID = 1L;

  public ExchangeException(String message) {
    super(message, null, false, false);
  }
}
