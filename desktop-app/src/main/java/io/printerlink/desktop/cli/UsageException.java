package io.printerlink.desktop.cli;

/** Bad input from the user: printed as one line, exit code 2, no stack trace. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
