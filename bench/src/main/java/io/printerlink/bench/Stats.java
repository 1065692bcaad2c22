package io.printerlink.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latency summary of one run: sorted samples in nanoseconds, read as milliseconds. */
public final class Stats {
  private final long[] sorted;

  private Stats(long[] sorted) {
    this.sorted = sorted;
  }

  /** Summarises {@code nanos} (copied); at least one sample. */
  public static Stats of(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("nanos must hold at least one sample");
    }
    long[] copy = nanos.clone();
    Arrays.sort(copy);
    return new Stats(copy);
  }

  public int count() {
    return sorted.length;
  }

  /** Nearest-rank percentile, {@code p} from 0 to 100, in milliseconds. */
  public double percentileMs(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  public double medianMs() {
    return percentileMs(50);
  }

  public double maxMs() {
    return sorted[sorted.length - 1] / 1e6;
  }

  public double minMs() {
    return sorted[0] / 1e6;
  }

  /** {@code n=1000 min=.. median=.. p90=.. p99=.. max=.. ms}. */
  public String line() {
    return String.format(Locale.ROOT, "n=%d min=%.2f median=%.2f p90=%.2f p99=%.2f max=%.2f ms",
        count(), minMs(), medianMs(), percentileMs(90), percentileMs(99), maxMs());
  }
}
