package io.printerlink.desktop.wizard;

import java.time.Duration;

/**
 * Runs a task again and again on the UI thread: live countdowns and the "still nothing found?"
 * timers. The app uses {@link ScheduledTicker}; unit tests tick by hand.
 */
@FunctionalInterface
public interface Ticker {
  /** Runs {@code task} on the UI thread every {@code period} until the handle is closed. */
  Handle every(Duration period, Runnable task);

  /** A running repetition; closing it twice is harmless. */
  interface Handle extends AutoCloseable {
    @Override
    void close();
  }
}
