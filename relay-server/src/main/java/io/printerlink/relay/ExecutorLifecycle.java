package io.printerlink.relay;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/** Makes an executor a Jetty lifecycle bean: it shuts down when the server stops. */
final class ExecutorLifecycle extends AbstractLifeCycle {
  private final ExecutorService executor;

  ExecutorLifecycle(ExecutorService executor) {
    this.executor = executor;
  }

  @Override
  protected void doStop() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }
}
