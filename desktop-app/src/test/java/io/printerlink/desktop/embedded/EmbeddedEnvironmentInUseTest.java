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
          .hasMessage("the data folder " + dir + " is in use by another PrinterLink app on this computer"
              + " (the wizard or the command line): close it first, or use another data folder");
    } finally {
      first.close();
    }

    try (EmbeddedEnvironment second = EmbeddedEnvironment.start(dir, new SecureRandom())) {
      assertThat(second.relayUri().getHost()).isEqualTo("127.0.0.1");
    }
  }
}
