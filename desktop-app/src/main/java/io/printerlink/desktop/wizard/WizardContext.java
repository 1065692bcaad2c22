package io.printerlink.desktop.wizard;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * What every screen's view-model is built with: where network work runs ({@code background}),
 * where property changes happen ({@code ui}: the FX thread in the app, the test thread in unit
 * tests), the ticker for live countdowns, the clocks, the words and the timings.
 */
public record WizardContext(
    Executor background, Executor ui, Ticker ticker, LongSupplier nanoTime, Clock clock, Texts texts, WizardConfig config) {
  public WizardContext {
    if (background == null || ui == null || ticker == null || nanoTime == null || clock == null || texts == null
        || config == null) {
      throw new IllegalArgumentException("all wizard context parts are required");
    }
  }
}
