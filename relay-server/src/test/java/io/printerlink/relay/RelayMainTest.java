package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayMainTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(String... args) {
    return RelayMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void versionPrintsAndExitsZero() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("PrinterLink relay");
  }

  @Test
  void badPortValueIsAMessageNotAStackTrace() {
    int code = run("serve", "--port", "eighty");

    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("--port").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void outOfRangePortIsAMessageNotAStackTrace() {
    int code = run("serve", "--port", "70000", "--data", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("port must be from 0").doesNotContain("\tat ");
  }

  @Test
  void outOfRangePortFromTheEnvironmentNamesTheVariable() {
    int code = RelayMain.run(new PrintWriter(out, true), new PrintWriter(err, true),
        Map.of("PRINTERLINK_RELAY_PORT", "-5"), "serve", "--data", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("port must be from 0").contains("(from env PRINTERLINK_RELAY_PORT)")
        .doesNotContain("\tat ");
  }

  @Test
  void badTrustedProxyIsNamedByItsFlagAndWhereItCameFrom() throws Exception {
    assertThat(run("serve", "--trusted-proxy", "garbage", "--data", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("relay: --trusted-proxy: 'garbage' is not an address block")
        .doesNotContain("trustedProxies").doesNotContain("(from");

    Path config = dir.resolve("relay.properties");
    Files.writeString(config, "trusted-proxy=garbage\n");
    err.getBuffer().setLength(0);
    assertThat(run("serve", "--config", config.toString(), "--data", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--trusted-proxy: 'garbage' is not an address block")
        .contains("(from key 'trusted-proxy' in " + config + ")");
  }

  @Test
  void unknownFlagIsRefused() {
    int code = run("serve", "--frobnicate");

    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("--frobnicate").doesNotContain("\tat ");
  }

  @Test
  void portInUseExitsOneWithAMessage() throws Exception {
    try (TestRelay t = TestRelay.start(dir.resolve("a"))) {
      int code = run("serve", "--bind", "127.0.0.1", "--port", String.valueOf(t.relay.port()),
          "--data", dir.resolve("b").toString());

      assertThat(code).isEqualTo(1);
      assertThat(err.toString()).startsWith("relay: cannot listen on 127.0.0.1:" + t.relay.port())
          .contains("Address already in use").doesNotContain("\tat ");
    }
  }

  @Test
  void flagsWithoutACommandServe() {
    // "relay --port 70000" reaches serve's own validation, so the flags went to serve.
    int code = run("--port", "70000", "--data", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("port must be from 0").doesNotContain("\tat ");
  }

  @Test
  void helpStaysTheTopLevelUsage() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("serve").contains("users");
  }
}
