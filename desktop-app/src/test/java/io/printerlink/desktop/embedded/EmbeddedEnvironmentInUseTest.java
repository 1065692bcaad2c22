package io.printerlink.desktop.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One embedded relay per data folder: a second start says so plainly, and works once the first has stopped. */
class EmbeddedEnvironmentInUseTest {
  @TempDir Path dir;

  @Test
  void aSecondStartInTheSameFolderIsRefusedInPlainWordsUntilTheFirstCloses() throws Exception {
    EmbeddedEnvironment first = EmbeddedEnvironment.start(dir, new SecureRandom());
    try {
      assertThatThrownBy(() -> EmbeddedEnvironment.start(dir, new SecureRandom()))
          .isInstanceOf(EmbeddedEnvironment.InUseException.class)
          .hasMessage("another PrinterLink window or command is already running the demo relay in " + dir
              + "; close it and try again");
    } finally {
      first.close();
    }

    try (EmbeddedEnvironment second = EmbeddedEnvironment.start(dir, new SecureRandom())) {
      assertThat(second.relayUri().getHost()).isEqualTo("127.0.0.1");
    }
  }
}
