package io.printerlink.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Ctrl-C notice: once, only when the command had not finished, and the command's output goes quiet. */
class StopNoticeTest {
  private final StringWriter notices = new StringWriter();
  private final StopNotice stop = new StopNotice(new PrintWriter(notices));
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintWriter gated = stop.gate(bytes, StandardCharsets.UTF_8);

  @Test
  void stoppingSilencesTheCommandAndSaysSoOnce() {
    gated.println("Signed in");
    assertThat(stop.stopped("link", "printerlink")).isTrue();
    gated.println("Error: lost the live connection to the relay");
    gated.flush();

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("Signed in" + System.lineSeparator());
    assertThat(notices.toString()).contains("Interrupted: link stopped before it finished.")
        .contains("'printerlink printers --relay URL' lists your printers");
    assertThat(stop.stopped("link", "printerlink")).isFalse();
  }

  @Test
  void aFinishedCommandsExitIsNotAnInterruption() {
    stop.finished();
    assertThat(stop.stopped("printers", "printerlink")).isFalse();
    gated.println("2 printers");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("2 printers" + System.lineSeparator());
    assertThat(notices.toString()).isEmpty();
  }

  @Test
  void onlyLinkMentionsALinkThatMayHaveHappened() {
    assertThat(StopNotice.message("discover", "x")).isEqualTo("Interrupted: discover stopped before it finished.");
  }
}
