package io.printerlink.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentMainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path tmp;

  private int run(String... args) {
    return AgentMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void versionPrintsTheVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("printer-agent ");
  }

  @Test
  void missingRelayIsAMessageAndNonZero() {
    assertThat(run("--port", "8787")).isNotZero();
    assertThat(err.toString()).contains("Missing required option: '--relay=URL'").doesNotContain("\tat ");
  }

  @Test
  void unknownFlagIsAMessageAndNonZero() {
    assertThat(run("--relay", "http://127.0.0.1:1", "--bogus")).isNotZero();
    assertThat(err.toString()).contains("Unknown option: '--bogus'").doesNotContain("\tat ")
        .contains("Try 'printer-agent --help' for its options.").doesNotContain("Usage:");
  }

  @Test
  void badPortIsAMessageAndNonZero() {
    assertThat(run("--relay", "http://127.0.0.1:1", "--port", "70000")).isNotZero();
    assertThat(err.toString()).contains("printer-agent: --port must be from 0 to 65535").doesNotContain("\tat ");
  }

  @Test
  void nonHttpRelayIsAMessageAndNonZero() {
    assertThat(run("run", "--relay", "ftp://relay.example.org")).isNotZero();
    assertThat(err.toString()).contains("printer-agent: --relay: not an http:// or https:// URL").doesNotContain("\tat ");
  }

  @Test
  void aRelayUrlWithAPasswordOrAnImpossiblePortIsRefusedWithoutEchoingThePassword() {
    assertThat(run("--relay", "http://admin:hunter2secret@127.0.0.1:1", "--port", "0")).isNotZero();
    assertThat(err.toString()).contains("printer-agent: --relay: a relay URL holds no user name or password").doesNotContain("hunter2secret");
    assertThat(run("--relay", "http://127.0.0.1:99999", "--port", "0")).isNotZero();
    assertThat(err.toString()).contains("printer-agent: --relay: the port must be from 1 to 65535");
  }

  @Test
  void portThatIsNotANumberIsAMessageAndNonZero() {
    assertThat(run("--relay", "http://127.0.0.1:1", "--port", "abc")).isNotZero();
    assertThat(err.toString()).contains("--port").doesNotContain("\tat ");
  }

  @Test
  void unusableStateDirRefusesToStartInsteadOfFailingTheLinkLater() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-folder"), "x").toAbsolutePath();

    // Before the check the agent started and ran until stopped: the timeout turns that into a failure.
    int code = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> run("--relay", "http://127.0.0.1:1", "--port", "0", "--bind", "127.0.0.1", "--state-dir", file.toString()));

    assertThat(code).isNotZero();
    assertThat(err.toString())
        .contains("printer-agent: cannot use the state folder " + file + ": " + file + " exists and is not a folder")
        .doesNotContain("\tat ");
  }

  @Test
  void tellsJettyThePointerSizeSoItNeedNotStartJmxButLeavesAnOperatorsSettingAlone() {
    String key = "org.eclipse.jetty.util.referencesPerCacheLine";
    String before = System.getProperty(key);
    try {
      System.clearProperty(key);
      AgentMain.skipJettyMBeanProbe();
      assertThat(System.getProperty(key)).isEqualTo("16");
      System.setProperty(key, "8");
      AgentMain.skipJettyMBeanProbe();
      assertThat(System.getProperty(key)).isEqualTo("8");
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }
}
