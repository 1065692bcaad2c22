package io.printerlink.desktop.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printerlink.desktop.core.CoreConfig;
import io.printerlink.protocol.RelayTrust;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard applies the same relay trust rules as the CLI to a relay URL typed on its start screen. */
class DesktopBackendTrustTest {
  @TempDir Path dir;
  final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private DesktopBackend backend(RelayTrust trust) {
    return new DesktopBackend(dir, CoreConfig.defaults(), Clock.systemUTC(), System::nanoTime, new SecureRandom(), executor, trust);
  }

  @Test
  void plainHttpToAnotherMachineIsRefusedByDefault() {
    assertThatThrownBy(() -> backend(RelayTrust.system()).open(RelayChoice.remote("http://relay.example.org")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refusing plain http to relay.example.org")
        .hasMessageContaining("--insecure");
  }

  @Test
  void insecureAllowsPlainHttpToAnotherMachine() throws Exception {
    // 192.0.2.1 (TEST-NET-1) is never answered, but opening the clients must not refuse the URL.
    try (WizardConnection c = backend(RelayTrust.system().allowInsecure(true)).open(RelayChoice.remote("http://192.0.2.1:9"))) {
      assertThat(c).isNotNull();
    }
  }
}
