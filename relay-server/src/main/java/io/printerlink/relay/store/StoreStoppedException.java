package io.printerlink.relay.store;

/**
 * The database was asked for work after (or while) the relay stopped it: a request that was still
 * running when the relay shut down. Answered as 503 {@code SHUTTING_DOWN}, not as an internal error.
 */
public final class StoreStoppedException extends RuntimeException {
  StoreStoppedException() {
    super("the database is stopped (the relay is shutting down)", null, false, false);
  }
}
