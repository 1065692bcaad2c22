package io.printerlink.bench;

import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.limits.Rate;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The relay settings every benchmark runs with: the defaults, except where a benchmark by design
 * does what the defaults refuse, raised here through {@link RelayConfig} (never by changing a
 * default) and listed in docs/benchmarks.md:
 * <ul>
 *   <li>loopback agents (development mode), so real agents on this machine can advertise 127.0.0.1;</li>
 *   <li>P1 links 1,000 fresh agents for one account from one address (127.0.0.1, where real agents
 *       connect from), and P3's linker keeps linking during the run: the link-request rates per
 *       account and per network key, the instance-id claims per network key, and the crowded-key
 *       alarm threshold are raised to {@value #UNLIMITED}. The simulated P3 agents each sit on their
 *       own network key and need none of this; the per-key WebSocket cap and the per-socket message
 *       rate keep their defaults.</li>
 * </ul>
 */
final class BenchRelay {
  static final int UNLIMITED = 1_000_000;

  private BenchRelay() {}

  static RelayConfig config(Path dataDir, int port) {
    return RelayConfig.builder()
        .bindHost("127.0.0.1")
        .port(port)
        .dataDir(dataDir)
        .allowLoopbackAgents(true)
        .linkRequestsPerAccount(Rate.of(UNLIMITED, Duration.ofMinutes(1)))
        .linkRequestsPerKey(Rate.of(UNLIMITED, Duration.ofMinutes(1)))
        .agentClaimsPerKey(Rate.of(UNLIMITED, Duration.ofMinutes(1)))
        .crowdedKeyThreshold(UNLIMITED)
        .build();
  }
}
