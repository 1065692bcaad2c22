package io.printerlink.relay.store;

/** A database failure. Its message never carries user data or secrets. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
