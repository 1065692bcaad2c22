package io.printerlink.bench;

import io.printerlink.relay.RelayConfig;
import java.nio.file.Path;

/**
 * The relay settings every benchmark runs with: the defaults, plus loopback agents (development
 * mode, so real agents on this machine can advertise 127.0.0.1). Where a benchmark needs a
 * limit raised, it is raised here, through {@link RelayConfig}, and listed in docs/benchmarks.md;
 * the relay's defaults are never changed for a benchmark.
 */
final class BenchRelay {
  private BenchRelay() {}

  static RelayConfig config(Path dataDir, int port) {
    return RelayConfig.builder()
        .bindHost("127.0.0.1")
        .port(port)
        .dataDir(dataDir)
        .allowLoopbackAgents(true)
        .build();
  }
}
