package io.printerlink.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printerlink.protocol.RelayTrust;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's relay trust flags: plain http to a remote relay needs --insecure; --relay-ca must name a PEM file. */
class AgentRelayTrustFlagsTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return AgentMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void plainHttpToARemoteRelayIsRefusedOnTheCommandLine() {
    int code = run("--relay", "http://relay.example.org", "--state-dir", tmp.toString());

    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("refusing plain http to relay.example.org").contains("--insecure")
        .doesNotContain("\tat ");
  }

  @Test
  void configRefusesPlainHttpToARemoteRelay() {
    assertThatThrownBy(() -> AgentConfig.builder().relayUri(URI.create("http://203.0.113.7:8080")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refusing plain http to 203.0.113.7");
  }

  @Test
  void configAcceptsPlainHttpWhenInsecureIsAllowed() {
    AgentConfig c = AgentConfig.builder().relayUri(URI.create("http://203.0.113.7:8080"))
        .relayTrust(RelayTrust.system().allowInsecure(true)).build();

    assertThat(c.relayTrust().insecure()).isTrue();
  }

  @Test
  void missingRelayCaIsAMessage() {
    int code = run("--relay", "https://relay.example.org", "--relay-ca", tmp.resolve("none.pem").toString(),
        "--state-dir", tmp.toString());

    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("relay CA file").contains("does not exist").doesNotContain("\tat ");
  }
}
