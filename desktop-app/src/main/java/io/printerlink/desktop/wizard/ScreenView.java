package io.printerlink.desktop.wizard;

/** A screen's view: the shell tells it when it is shown, so it can put the focus where work starts. */
interface ScreenView {
  void focusFirst();
}
