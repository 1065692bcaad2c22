package io.printerlink.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Endpoint URLs keep the path a relay is published under. */
class RelayUrlsTest {
  @Test
  void aBarRelayUrlGivesRootPaths() {
    assertThat(RelayUrls.http(URI.create("http://127.0.0.1:8080"), "/api/v1/session"))
        .isEqualTo(URI.create("http://127.0.0.1:8080/api/v1/session"));
    assertThat(RelayUrls.webSocket(URI.create("https://relay.example/"), "/client/v1/events"))
        .isEqualTo(URI.create("wss://relay.example/client/v1/events"));
  }

  @Test
  void aPathUnderAReverseProxyIsKept() {
    URI relay = URI.create("HTTPS://example.org:8443/printerlink//");
    assertThat(RelayUrls.http(relay, "/api/v1/link-codes")).isEqualTo(URI.create("https://example.org:8443/printerlink/api/v1/link-codes"));
    assertThat(RelayUrls.webSocket(relay, "/agent/v1/discovery")).isEqualTo(URI.create("wss://example.org:8443/printerlink/agent/v1/discovery"));
    assertThat(RelayUrls.webSocket(URI.create("http://[fd00::1]:80/a%20b"), "/x")).isEqualTo(URI.create("ws://[fd00::1]:80/a%20b/x"));
  }

  @Test
  void parseAcceptsAnyCaseSchemeAndNamesEachProblem() {
    assertThat(RelayUrls.parse(" HTTPS://Relay.Example:8443/pl/ ")).isEqualTo(URI.create("https://Relay.Example:8443/pl/"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RelayUrls.parse("ftp://x")).hasMessage("not an http:// or https:// URL");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RelayUrls.parse("http://127.0.0.1:0")).hasMessage("the port must be from 1 to 65535");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RelayUrls.parse("http://u:secret@h")).hasMessageNotContaining("secret");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RelayUrls.parse("http://h/?q=1")).hasMessage("a relay URL has no ?query or #fragment");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RelayUrls.parse("http:///x")).hasMessage("no host name or address");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RelayUrls.parse("::")).hasMessage("not a URL");
  }
}
