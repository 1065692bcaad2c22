package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each limit in {@link RelayConfig} is enforced. */
class LimitsTest {
  @TempDir Path dir;
  TestRelay t;

  @AfterEach
  void stop() throws Exception {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void defaultsAreThoseOfTheProtocol() {
    RelayConfig c = RelayConfig.builder().build();

    assertThat(c.presenceExpiry()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.linkRequestExpiry()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.tokenAckTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.heartbeat()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.maxBodyBytes()).isEqualTo(16 * 1024);
    assertThat(c.maxWsMessageBytes()).isEqualTo(16 * 1024);
    assertThat(c.passwordIterations()).isEqualTo(600_000);
    assertThat(c.bindHost()).isEqualTo("127.0.0.1");
    assertThat(c.allowLoopbackAgents()).isFalse();
  }

  @Test
  void builderRefusesNonPositiveDurations() {
    assertThatThrownBy(() -> RelayConfig.builder().tokenAckTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("tokenAckTimeout must be a positive duration");
  }

  @Test
  void oversizeWebSocketMessageClosesTheSocket_T15() throws Exception {
    t = TestRelay.start(dir);
    TestRelay.Socket agent = t.connect("/agent/v1/discovery", null);

    agent.sendText("{\"type\":\"announce\",\"hostname\":\"" + "x".repeat(17 * 1024) + "\"}");

    assertThat(agent.awaitClose()).isEqualTo(StatusCode.MESSAGE_TOO_LARGE);
  }

  @Test
  void defaultsOfTheAbuseLimits() {
    RelayConfig c = RelayConfig.builder().build();

    assertThat(c.linkRequestsPerAccount()).isEqualTo(io.printerlink.relay.limits.Rate.of(10, Duration.ofMinutes(10)));
    assertThat(c.linkRequestsPerKey()).isEqualTo(io.printerlink.relay.limits.Rate.of(30, Duration.ofMinutes(10)));
    assertThat(c.agentClaimsPerKey()).isEqualTo(io.printerlink.relay.limits.Rate.of(30, Duration.ofMinutes(1)));
    assertThat(c.maxWsConnectionsPerKey()).isEqualTo(32);
    assertThat(c.maxWsMessagesPerSecond()).isEqualTo(10);
    assertThat(c.crowdedKeyThreshold()).isEqualTo(20);
    assertThat(c.trustedProxies()).isEmpty();
  }

  @Test
  void trustedProxiesMustBeAddressBlocks() {
    assertThatThrownBy(() -> RelayConfig.builder().trustedProxies(java.util.List.of("lb.example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--trusted-proxy: 'lb.example.com' is not an address block such as 10.0.0.0/8 or 2001:db8::/32");
  }

  @Test
  void linkRequestsBeyondTheAccountsRateAre429WithRetryAfter() throws Exception {
    t = TestRelay.start(dir, b -> b.linkRequestsPerAccount(io.printerlink.relay.limits.Rate.of(1, Duration.ofMinutes(1))));
    io.printerlink.protocol.api.SessionResponse user = t.signUp();
    linkRequest(user);

    org.eclipse.jetty.client.ContentResponse r = linkRequest(user);

    assertThat(r.getStatus()).isEqualTo(429);
    assertThat(r.getHeaders().get("Retry-After")).isEqualTo("60");
    assertThat(r.getContentAsString()).contains("\"error\":\"RATE_LIMITED\"");
  }

  @Test
  void linkRequestsBeyondTheNetworkKeysRateAre429ForEveryAccountOnIt() throws Exception {
    t = TestRelay.start(dir, b -> b.linkRequestsPerKey(io.printerlink.relay.limits.Rate.of(2, Duration.ofMinutes(1))));
    linkRequest(t.signUp());
    linkRequest(t.signUp());

    org.eclipse.jetty.client.ContentResponse r = linkRequest(t.signUp());

    assertThat(r.getStatus()).isEqualTo(429);
    assertThat(r.getHeaders().get("Retry-After")).isEqualTo("30");
  }

  private org.eclipse.jetty.client.ContentResponse linkRequest(io.printerlink.protocol.api.SessionResponse user)
      throws Exception {
    String body = io.printerlink.protocol.Json.write(new io.printerlink.protocol.api.LinkRequestCreate(
        TestRelay.newInstanceId(), "AAAAAAAAAAAAAAAAAAAAAA",
        io.printerlink.protocol.Secret.fromText("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")));
    return t.http.newRequest(t.relay.httpUri().resolve("/api/v1/link-requests")).method("POST")
        .headers(h -> h.put("Authorization", "Bearer " + TestRelay.token(user)))
        .body(new org.eclipse.jetty.client.StringRequestContent("application/json", body))
        .send();
  }

  @Test
  void loopbackAgentsAreRefusedUnlessAllowed() throws Exception {
    t = TestRelay.start(dir, b -> b.allowLoopbackAgents(false));
    TestRelay.Socket agent = t.connect("/agent/v1/discovery", null);

    agent.sendText(io.printerlink.protocol.Json.writeMessage(io.printerlink.protocol.ws.Messages.ANNOUNCE,
        TestRelay.announce(TestRelay.newInstanceId(), null)).replace("192.168.1.50", "127.0.0.1"));

    assertThat(agent.next(io.printerlink.protocol.ws.Messages.RELAY_TO_AGENT)
        .as(io.printerlink.protocol.ws.WsError.class).error()).isEqualTo(io.printerlink.protocol.ErrorCodes.INVALID_FIELD);
  }
}
