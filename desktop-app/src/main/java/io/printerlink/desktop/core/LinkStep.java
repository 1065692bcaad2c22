package io.printerlink.desktop.core;

/** The steps of a link, in order, each with the words shown to the user when it fails. */
public enum LinkStep {
  DISCOVER("Finding the printer"),
  EXCHANGE("Local exchange with the printer"),
  PROOF("Computing the link proof"),
  REQUEST("Sending the link request to the relay"),
  WAIT("Waiting for the printer to confirm"),
  CODE("Getting a link code"),
  CODE_WAIT("Waiting for the code to be typed at the printer");

  private final String description;

  LinkStep(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
