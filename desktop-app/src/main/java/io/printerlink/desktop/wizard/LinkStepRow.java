package io.printerlink.desktop.wizard;

/**
 * One line of the link screen's step list.
 *
 * @param text what the step is, in plain words
 * @param time when it finished (or failed), as seconds since the link began; empty before
 */
public record LinkStepRow(Step step, String text, Status status, String time) {
  /** The steps the user sees, in order. */
  public enum Step {
    CONTACT, SECRET, REQUEST, CONFIRM, LINKED
  }

  /** How far a step is. */
  public enum Status {
    PENDING, ACTIVE, DONE, FAILED
  }

  LinkStepRow with(Status s, String t) {
    return new LinkStepRow(step, text, s, t);
  }
}
