package io.printerlink.desktop.wizard;

/** The wizard's screens, in order. */
public enum Screen {
  STARTING,
  SIGN_IN,
  DISCOVER,
  LINKING,
  LINKED,
  FAILED
}
