package io.printerlink.desktop.cli;

/** The CLI's exit codes. */
public final class ExitCodes {
  public static final int OK = 0;
  /** The link (or the call) failed; the reason was printed. */
  public static final int FAILED = 1;
  /** Bad input; the problem was printed. Also: wizard asked for but no display. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
