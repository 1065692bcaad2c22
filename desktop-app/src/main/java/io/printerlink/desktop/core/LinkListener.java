package io.printerlink.desktop.core;

/** Receives every step and state of a link as it happens, on the linking thread. */
@FunctionalInterface
public interface LinkListener {
  void onEvent(LinkEvent event);
}
