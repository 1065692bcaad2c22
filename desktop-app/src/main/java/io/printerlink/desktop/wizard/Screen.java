package io.printerlink.desktop.wizard;

/** The wizard's screens. */
public enum Screen {
  START,
  DISCOVER,
  LINK,
  CODE,
  DONE,
  PRINTERS
}
