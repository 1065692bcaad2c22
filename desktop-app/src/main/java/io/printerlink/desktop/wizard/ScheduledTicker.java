package io.printerlink.desktop.wizard;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A {@link Ticker} over a scheduler thread that hands each tick to the UI executor. */
public final class ScheduledTicker implements Ticker {
  private final ScheduledExecutorService scheduler;
  private final Executor ui;

  public ScheduledTicker(ScheduledExecutorService scheduler, Executor ui) {
    if (scheduler == null || ui == null) {
      throw new IllegalArgumentException("scheduler and ui are required");
    }
    this.scheduler = scheduler;
    this.ui = ui;
  }

  @Override
  public Handle every(Duration period, Runnable task) {
    long millis = Math.max(1, period.toMillis());
    ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(() -> ui.execute(task), millis, millis, TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }
}
