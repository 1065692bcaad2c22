package io.printerlink.desktop.wizard;

import java.time.Duration;

/**
 * The wizard's own timings, each declared once with its default (network limits live in
 * {@code CoreConfig}).
 *
 * @param checklistAfter with no printer found, when the "please check" list appears
 * @param hintsAfter with still no printer, when the likely reasons and the code are offered
 * @param tick how often countdowns and those timers are refreshed
 * @param reconnectAfter wait before reopening a dropped events socket
 */
public record WizardConfig(Duration checklistAfter, Duration hintsAfter, Duration tick, Duration reconnectAfter) {
  public static final Duration DEFAULT_CHECKLIST_AFTER = Duration.ofSeconds(10);
  public static final Duration DEFAULT_HINTS_AFTER = Duration.ofSeconds(30);
  public static final Duration DEFAULT_TICK = Duration.ofMillis(500);
  public static final Duration DEFAULT_RECONNECT_AFTER = Duration.ofSeconds(2);

  public WizardConfig {
    positive(checklistAfter, "checklistAfter");
    positive(hintsAfter, "hintsAfter");
    positive(tick, "tick");
    positive(reconnectAfter, "reconnectAfter");
    if (hintsAfter.compareTo(checklistAfter) < 0) {
      throw new IllegalArgumentException("hintsAfter must not come before checklistAfter");
    }
  }

  public static WizardConfig defaults() {
    return new WizardConfig(DEFAULT_CHECKLIST_AFTER, DEFAULT_HINTS_AFTER, DEFAULT_TICK, DEFAULT_RECONNECT_AFTER);
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }
}
