package io.printerlink.desktop.cli;

import io.printerlink.desktop.core.CoreConfig;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the commands get from the composition root: time sources, randomness, the process
 * environment (for {@code PRINTERLINK_PASSWORD}), the core's limits, and where to print.
 */
public record CliContext(
    Clock clock,
    LongSupplier nanoTime,
    SecureRandom random,
    Map<String, String> env,
    CoreConfig coreConfig,
    PrintWriter out,
    PrintWriter err) {
  public static final String PASSWORD_ENV = "PRINTERLINK_PASSWORD";

  public CliContext {
    if (clock == null || nanoTime == null || random == null || env == null || coreConfig == null
        || out == null || err == null) {
      throw new IllegalArgumentException("all CliContext parts are required");
    }
    env = Map.copyOf(env);
  }

  @Override
  public String toString() {
    return "CliContext";
  }
}
