package io.printerlink.relay.cli;

/** An admin command cannot do what was asked; the message is shown as is, exit code 1. */
final class AdminException extends Exception {
  AdminException(String message) {
    super(message, null, false, false);
  }
}
