package io.printerlink.agent.window;

/** Why a discovery window ended. */
public enum CloseReason {
  /** The monotonic deadline passed. */
  EXPIRED,
  /** The configured number of failed exchange attempts was reached. */
  TOO_MANY_FAILURES,
  /** A {@code verify} arrived and its proof matched. */
  VERIFIED,
  /** A {@code verify} arrived and its proof did not match. */
  REJECTED,
  /** A new window replaced this one, or the agent linked or stopped. */
  ENDED,
  /** The relay refused the instance id (another connection owns it). */
  INSTANCE_ID_TAKEN
}
