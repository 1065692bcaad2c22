package io.printerlink.desktop.core;

/** An open events socket. Closing it stops delivery; closing twice is harmless. */
public interface EventsConnection extends AutoCloseable {
  boolean isOpen();

  @Override
  void close();
}
