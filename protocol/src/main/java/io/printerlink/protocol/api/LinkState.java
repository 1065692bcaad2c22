package io.printerlink.protocol.api;

/** Link request states (PROTOCOL.md): QUEUED -> DELIVERED -> VERIFIED -> LINKED, or an end. */
public enum LinkState {
  QUEUED,
  DELIVERED,
  VERIFIED,
  LINKED,
  REJECTED,
  EXPIRED,
  FAILED;

  public boolean isFinal() {
    return this == LINKED || this == REJECTED || this == EXPIRED || this == FAILED;
  }
}
