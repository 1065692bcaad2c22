package io.printerlink.desktop.core;

/**
 * A link (or the discovery before it) failed before reaching a final relay state. Names the step
 * and the reason in plain words; {@link #code()} is the relay's error code when the relay refused.
 */
public final class LinkException extends Exception {
  private static final long serialVersionUID = 1L;

  private final LinkStep step;
  private final String reason;
  private final String code;

  public LinkException(LinkStep step, String reason, String code) {
    super(step.description() + " failed: " + reason, null, false, false);
    this.step = step;
    this.reason = reason;
    this.code = code;
  }

  public LinkStep step() {
    return step;
  }

  public String reason() {
    return reason;
  }

  /**
   * The relay's error code ({@code ErrorCodes}, or {@link RelayException}'s client-side codes), or
   * for the LAN exchange step {@link ExchangeException}'s code; null when neither applies.
   */
  public String code() {
    return code;
  }
}
