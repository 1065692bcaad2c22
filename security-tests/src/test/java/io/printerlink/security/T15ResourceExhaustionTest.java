package io.printerlink.security;

import static io.printerlink.security.RelayFixture.HOME;
import static io.printerlink.security.RelayFixture.OUTSIDER;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.WsError;
import io.printerlink.relay.limits.Rate;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T15: resource exhaustion — many WebSockets from one network, slow and idle clients, announce
 * floods. The attacker's sockets are bound to 127.0.0.2 (its own network key); the bystander's to
 * 127.0.0.1. Limits are lowered per test so a handful of sockets reaches them.
 */
class T15ResourceExhaustionTest {
  @TempDir Path dir;
  RelayFixture f;

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  private List<RelayFixture.Socket> fill(int n) throws Exception {
    List<RelayFixture.Socket> open = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      open.add(f.connect(OUTSIDER, "/agent/v1/discovery", null));
    }
    return open;
  }

  @Test
  void socketsBeyondTheCapOfOneKeyAreRefusedWith429BeforeTheUpgrade_T15() throws Exception {
    f = RelayFixture.start(dir, b -> b.maxWsConnectionsPerKey(3));
    fill(3);

    assertThat(f.upgradeStatus(OUTSIDER, "/agent/v1/discovery", null)).hasValue(429);
    assertThat(f.upgradeStatus(OUTSIDER, "/client/v1/events", RelayFixture.token(f.signUp(OUTSIDER)))).hasValue(429);
    assertThat(f.relay.defenceMetrics().upgradesRefused()).isEqualTo(2);
  }

  @Test
  void refusedUpgradeCarriesRetryAfterAndTheJsonError_T15() throws Exception {
    f = RelayFixture.start(dir, b -> b.maxWsConnectionsPerKey(1));
    fill(1);

    String answer = rawUpgrade(OUTSIDER, "/agent/v1/discovery");

    assertThat(answer).startsWith("HTTP/1.1 429");
    assertThat(answer).containsIgnoringCase("Retry-After: 10");
    assertThat(answer).contains("\"error\":\"RATE_LIMITED\"").doesNotContain("Exception");
  }

  @Test
  void otherNetworksAreStillServedWhileOneKeyIsFull_T15() throws Exception {
    f = RelayFixture.start(dir, b -> b.maxWsConnectionsPerKey(3));
    fill(3);

    RelayFixture.Socket bystander = f.agent(HOME, RelayFixture.newInstanceId());

    assertThat(bystander.seenFrom).isEqualTo(HOME);
    assertThat(f.call(HOME, "GET", "/healthz", null, null).status()).isEqualTo(200);
  }

  @Test
  void closingASocketGivesItsSlotBack_T15() throws Exception {
    f = RelayFixture.start(dir, b -> b.maxWsConnectionsPerKey(2));
    List<RelayFixture.Socket> open = fill(2);

    open.get(0).close();
    open.get(0).awaitClose();

    RelayFixture.await("a slot is free again", () -> {
      try {
        return f.upgradeStatus(OUTSIDER, "/agent/v1/discovery", null).isEmpty();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void messageFloodOnOneSocketClosesItWithPolicyViolation_T15() throws Exception {
    f = RelayFixture.start(dir, b -> b.maxWsMessagesPerSecond(5));
    RelayFixture.Socket flooder = f.agent(OUTSIDER, RelayFixture.newInstanceId());

    // Four times the per-second cap in one burst, then stop writing: a client still writing when
    // the relay closes the TCP connection after its close frame can get a reset before it reads
    // that frame (close code -1 on the client, a race of the test, not of the relay).
    for (int i = 0; i < 20 && flooder.isOpen(); i++) {
      flooder.send(Messages.ANNOUNCE, RelayFixture.announce(RelayFixture.newInstanceId(), null));
    }

    assertThat(flooder.awaitClose()).isEqualTo(StatusCode.POLICY_VIOLATION);
    assertThat(f.relay.defenceMetrics().socketsClosedForPolicy()).isEqualTo(1);
  }

  @Test
  void floodOfNewInstanceIdsFromOneKeyIsToldToWaitWithRetryAfter_T15() throws Exception {
    f = RelayFixture.start(dir, b -> b.agentClaimsPerKey(Rate.of(2, Duration.ofMinutes(1))));
    f.agent(OUTSIDER, RelayFixture.newInstanceId());
    f.agent(OUTSIDER, RelayFixture.newInstanceId());
    RelayFixture.Socket third = f.connect(OUTSIDER, "/agent/v1/discovery", null);

    third.send(Messages.ANNOUNCE, RelayFixture.announce(RelayFixture.newInstanceId(), null));

    WsError error = third.nextOf(Messages.RELAY_TO_AGENT, Messages.ERROR, WsError.class);
    assertThat(error.error()).isEqualTo(ErrorCodes.RATE_LIMITED);
    assertThat(error.retryAfterSeconds()).isEqualTo(30L);
    assertThat(third.isOpen()).as("a rate-limited agent keeps its connection").isTrue();
  }

  @Test
  void agentAnnouncingDuringItsRetryAfterPauseIsClosed_T15() throws Exception {
    f = RelayFixture.start(dir, b -> b.agentClaimsPerKey(Rate.of(1, Duration.ofMinutes(1))));
    f.agent(OUTSIDER, RelayFixture.newInstanceId());
    RelayFixture.Socket pushy = f.connect(OUTSIDER, "/agent/v1/discovery", null);
    pushy.send(Messages.ANNOUNCE, RelayFixture.announce(RelayFixture.newInstanceId(), null));
    assertThat(pushy.nextOf(Messages.RELAY_TO_AGENT, Messages.ERROR, WsError.class).error())
        .isEqualTo(ErrorCodes.RATE_LIMITED);

    pushy.send(Messages.ANNOUNCE, RelayFixture.announce(RelayFixture.newInstanceId(), null));

    assertThat(pushy.awaitClose()).isEqualTo(StatusCode.POLICY_VIOLATION);
  }

  @Test
  void announceFloodFromOneKeyLeavesOtherNetworksDiscoverable_T15() throws Exception {
    f = RelayFixture.start(dir, b -> b.agentClaimsPerKey(Rate.of(1, Duration.ofMinutes(1))));
    f.agent(OUTSIDER, RelayFixture.newInstanceId());
    RelayFixture.Socket flooder = f.connect(OUTSIDER, "/agent/v1/discovery", null);
    flooder.send(Messages.ANNOUNCE, RelayFixture.announce(RelayFixture.newInstanceId(), null));
    flooder.nextOf(Messages.RELAY_TO_AGENT, Messages.ERROR, WsError.class);

    String bystanderId = RelayFixture.newInstanceId();
    f.agent(HOME, bystanderId);

    assertThat(f.discovery(HOME, f.signUp(HOME)).printers()).extracting(p -> p.instanceId())
        .containsExactly(bystanderId);
  }

  @Test
  void idleWebSocketIsDropped_T15() throws Exception {
    f = RelayFixture.start(dir, b -> b.wsIdleTimeout(Duration.ofSeconds(1)));
    RelayFixture.Socket silent = f.connect(OUTSIDER, "/agent/v1/discovery", null);

    int status = silent.awaitClose();

    assertThat(status).isIn(StatusCode.SHUTDOWN, StatusCode.ABNORMAL, -1);
    assertThat(f.call(HOME, "GET", "/healthz", null, null).status()).isEqualTo(200);
  }

  @Test
  void slowHttpClientThatStopsMidRequestIsDropped_T15() throws Exception {
    f = RelayFixture.start(dir, b -> b.httpIdleTimeout(Duration.ofSeconds(1)));
    try (Socket slow = f.rawSocket(OUTSIDER)) {
      OutputStream out = slow.getOutputStream();
      out.write("POST /api/v1/sessions HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"us"
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      // Returns only at end of stream: the relay closed the stalled connection (else the read times out).
      String rest = new String(slow.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(rest).satisfiesAnyOf(
          r -> assertThat(r).isEmpty(),
          r -> assertThat(r).startsWith("HTTP/1.1 4").contains("application/json").doesNotContain("Exception"));
    }
    assertThat(f.call(HOME, "GET", "/healthz", null, null).status()).isEqualTo(200);
  }

  /** A WebSocket handshake written by hand, to read the refusal's headers. */
  private String rawUpgrade(String from, String path) throws Exception {
    return f.rawHttp(from, "GET " + path + " HTTP/1.1\r\nHost: relay\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
  }
}
