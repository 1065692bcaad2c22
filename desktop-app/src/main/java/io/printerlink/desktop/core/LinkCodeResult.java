package io.printerlink.desktop.core;

/**
 * How waiting for a code ended. {@code reason} is plain words for EXPIRED and FAILED;
 * {@code printerId} is set when LINKED, {@code printerName} when the relay named the printer.
 */
public record LinkCodeResult(Outcome outcome, String reason, String printerId, String printerName) {
  /** The end of a code link. */
  public enum Outcome {
    LINKED,
    EXPIRED,
    FAILED
  }

  public LinkCodeResult {
    if (outcome == null) {
      throw new IllegalArgumentException("outcome is required");
    }
  }

  public boolean linked() {
    return outcome == Outcome.LINKED;
  }
}
