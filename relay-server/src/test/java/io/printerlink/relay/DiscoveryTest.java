package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.Message;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.ws.Announced;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.WsError;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {
  @TempDir Path dir;
  TestRelay t;
  String token;

  @BeforeEach
  void start() throws Exception {
    t = TestRelay.start(dir);
    token = TestRelay.token(t.signUp());
  }

  @AfterEach
  void stop() throws Exception {
    t.close();
  }

  private DiscoveryResponse list(boolean otherNetwork) throws Exception {
    TestRelay.Resp r = t.call(otherNetwork ? t.otherNetwork : t.http, "GET", "/api/v1/discovery", token, null);
    assertThat(r.status()).isEqualTo(200);
    return r.as(DiscoveryResponse.class);
  }

  @Test
  void announcedAgentIsListedOnItsOwnNetworkKey() throws Exception {
    String id = TestRelay.newInstanceId();
    t.agent(id);

    DiscoveryResponse d = list(false);

    assertThat(d.status()).isEqualTo(DiscoveryResponse.OK);
    assertThat(d.seenFrom()).isEqualTo("127.0.0.1");
    assertThat(d.printers()).hasSize(1);
    assertThat(d.printers().get(0).instanceId()).isEqualTo(id);
    assertThat(d.printers().get(0).privateIp()).isEqualTo("192.168.1.50");
    assertThat(d.printers().get(0).port()).isEqualTo(8765);
  }

  @Test
  void clientOnAnotherNetworkSeesNothing_T01() throws Exception {
    t.agent(TestRelay.newInstanceId());

    DiscoveryResponse d = list(true);

    assertThat(d.seenFrom()).isEqualTo("127.0.0.2");
    assertThat(d.status()).isEqualTo(DiscoveryResponse.OK);
    assertThat(d.printers()).isEmpty();
  }

  @Test
  void forwardedHeadersAreIgnored_T02() throws Exception {
    t.agent(TestRelay.newInstanceId());

    org.eclipse.jetty.client.ContentResponse r = t.otherNetwork.newRequest(t.relay.httpUri().resolve("/api/v1/discovery"))
        .headers(h -> h.put("Authorization", "Bearer " + token).put("X-Forwarded-For", "127.0.0.1")
            .put("Forwarded", "for=127.0.0.1"))
        .send();

    DiscoveryResponse d = Json.parse(r.getContentAsString(), DiscoveryResponse.class);
    assertThat(d.seenFrom()).isEqualTo("127.0.0.2");
    assertThat(d.printers()).isEmpty();
  }

  @Test
  void twoAgentsOnOneKeyShowNone() throws Exception {
    t.agent(TestRelay.newInstanceId());
    t.agent(TestRelay.newInstanceId());

    DiscoveryResponse d = list(false);

    assertThat(d.status()).isEqualTo(DiscoveryResponse.MULTIPLE);
    assertThat(d.printers()).isEmpty();
  }

  @Test
  void announcedCarriesPresenceTokenAndNetworkKey() throws Exception {
    TestRelay.Socket agent = t.connect("/agent/v1/discovery", null);
    agent.send(Messages.ANNOUNCE, TestRelay.announce(TestRelay.newInstanceId(), null));

    Message m = agent.next(Messages.RELAY_TO_AGENT);

    assertThat(m.type()).isEqualTo(Messages.ANNOUNCED);
    Announced a = m.as(Announced.class);
    assertThat(a.seenFrom()).isEqualTo("127.0.0.1");
    assertThat(a.heartbeatSeconds()).isEqualTo(5);
    assertThat(a.presenceToken().length()).isEqualTo(43);
  }

  @Test
  void secondClaimantOfAnInstanceIdIsRefusedAndClosed_T17() throws Exception {
    String id = TestRelay.newInstanceId();
    t.agent(id);
    TestRelay.Socket thief = t.connect("/agent/v1/discovery", null);

    thief.send(Messages.ANNOUNCE, TestRelay.announce(id, null));

    Message m = thief.next(Messages.RELAY_TO_AGENT);
    assertThat(m.type()).isEqualTo(Messages.ERROR);
    assertThat(m.as(WsError.class).error()).isEqualTo(ErrorCodes.INSTANCE_ID_TAKEN);
    assertThat(thief.awaitClose()).isEqualTo(1008);
    try (Connection c = t.db();
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM audit_log WHERE event = 'INSTANCE_ID_REFUSED'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void secondClaimantWithAWrongPresenceTokenIsRefused_T17() throws Exception {
    String id = TestRelay.newInstanceId();
    t.agent(id);
    TestRelay.Socket thief = t.connect("/agent/v1/discovery", null);

    thief.send(Messages.ANNOUNCE, TestRelay.announce(id,
        io.printerlink.protocol.Secret.fromText("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")));

    Message m = thief.next(Messages.RELAY_TO_AGENT);
    assertThat(m.as(WsError.class).error()).isEqualTo(ErrorCodes.INSTANCE_ID_TAKEN);
  }

  @Test
  void reconnectWithPresenceTokenTakesTheIdBack() throws Exception {
    String id = TestRelay.newInstanceId();
    TestRelay.Socket first = t.agent(id);
    first.close();
    first.awaitClose();
    TestRelay.Socket again = t.connect("/agent/v1/discovery", null);

    again.send(Messages.ANNOUNCE, TestRelay.announce(id, first.presenceToken));

    assertThat(again.next(Messages.RELAY_TO_AGENT).type()).isEqualTo(Messages.ANNOUNCED);
    assertThat(list(false).printers()).extracting(p -> p.instanceId()).containsExactly(id);
  }

  @Test
  void otherProtocolVersionIsUnsupported() throws Exception {
    TestRelay.Socket agent = t.connect("/agent/v1/discovery", null);
    String announce = Json.writeMessage(Messages.ANNOUNCE, TestRelay.announce(TestRelay.newInstanceId(), null))
        .replace("\"protocol\":1", "\"protocol\":2");

    agent.sendText(announce);

    Message m = agent.next(Messages.RELAY_TO_AGENT);
    assertThat(m.as(WsError.class).error()).isEqualTo(ErrorCodes.PROTOCOL_UNSUPPORTED);
    assertThat(agent.awaitClose()).isEqualTo(1008);
  }

  @Test
  void malformedAgentMessageGetsAnError_T14() throws Exception {
    TestRelay.Socket agent = t.connect("/agent/v1/discovery", null);

    agent.sendText("{\"type\":\"announce\",\"protocol\":1,\"instanceId\":\"not-a-uuid\"}");

    Message m = agent.next(Messages.RELAY_TO_AGENT);
    assertThat(m.as(WsError.class).error()).isEqualTo(ErrorCodes.INVALID_FIELD);
  }

  @Test
  void publicPrivateIpIsRefused_T14() throws Exception {
    TestRelay.Socket agent = t.connect("/agent/v1/discovery", null);

    agent.sendText(Json.writeMessage(Messages.ANNOUNCE, TestRelay.announce(TestRelay.newInstanceId(), null))
        .replace("192.168.1.50", "8.8.8.8"));

    assertThat(agent.next(Messages.RELAY_TO_AGENT).as(WsError.class).error()).isEqualTo(ErrorCodes.INVALID_FIELD);
    assertThat(list(false).printers()).isEmpty();
  }

  @Test
  void closedAgentLeavesDiscovery() throws Exception {
    TestRelay.Socket events = t.connect("/client/v1/events", token);
    assertThat(events.nextOf(Messages.RELAY_TO_CLIENT, Messages.DISCOVERY, DiscoveryResponse.class).printers()).isEmpty();
    TestRelay.Socket agent = t.agent(TestRelay.newInstanceId());
    assertThat(events.nextOf(Messages.RELAY_TO_CLIENT, Messages.DISCOVERY, DiscoveryResponse.class).printers()).hasSize(1);

    agent.close();

    assertThat(events.nextOf(Messages.RELAY_TO_CLIENT, Messages.DISCOVERY, DiscoveryResponse.class).printers()).isEmpty();
    assertThat(list(false).printers()).isEmpty();
  }

  @Test
  void eventsSocketOnAnotherNetworkNeverSeesThisNetworksAgent_T01() throws Exception {
    TestRelay.Socket elsewhere = t.connect(t.otherNetworkWs, "/client/v1/events", token);
    DiscoveryResponse first = elsewhere.nextOf(Messages.RELAY_TO_CLIENT, Messages.DISCOVERY, DiscoveryResponse.class);
    assertThat(first.seenFrom()).isEqualTo("127.0.0.2");
    t.agent(TestRelay.newInstanceId());
    String theirs = TestRelay.newInstanceId();

    t.agent(t.otherNetworkWs, theirs);

    DiscoveryResponse next = elsewhere.nextOf(Messages.RELAY_TO_CLIENT, Messages.DISCOVERY, DiscoveryResponse.class);
    assertThat(next.status()).isEqualTo(DiscoveryResponse.OK);
    assertThat(next.printers()).extracting(p -> p.instanceId()).containsExactly(theirs);
  }

  @Test
  void eventsSocketWithoutSessionIsRefusedAtUpgrade() {
    assertThatThrownBy(() -> t.connect("/client/v1/events", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(UpgradeException.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(401));
  }

  @Test
  void silentAgentExpires() throws Exception {
    t.close();
    t = TestRelay.start(dir.resolve("short"), b -> b.presenceExpiry(java.time.Duration.ofMillis(300))
        .presenceSweep(java.time.Duration.ofMillis(50)));
    token = TestRelay.token(t.signUp());
    TestRelay.Socket agent = t.agent(TestRelay.newInstanceId());

    assertThat(agent.awaitClose()).isEqualTo(1008);
    assertThat(list(false).printers()).isEmpty();
  }
}
