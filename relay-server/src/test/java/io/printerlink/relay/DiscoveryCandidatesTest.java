package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Message;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.ws.Announce;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.WsError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay passes an announce's optional candidate list through to the discovery list (issue 6, C-06). */
class DiscoveryCandidatesTest {
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

  private static Announce withCandidates(String id, List<String> candidates) {
    Announce a = TestRelay.announce(id, null);
    return new Announce(a.protocol(), a.instanceId(), a.privateIp(), a.port(), a.hostname(), a.agentName(),
        a.agentVersion(), a.model(), a.windowSecondsLeft(), null, null, candidates);
  }

  private DiscoveryResponse list() throws Exception {
    return t.call(t.http, "GET", "/api/v1/discovery", token, null).as(DiscoveryResponse.class);
  }

  @Test
  void candidatesReachTheClientInOrder_C06() throws Exception {
    TestRelay.Socket agent = t.connect("/agent/v1/discovery", null);
    agent.send(Messages.ANNOUNCE, withCandidates(TestRelay.newInstanceId(), List.of("10.8.0.2:8765", "[fd00::50]:8765")));
    assertThat(agent.next(Messages.RELAY_TO_AGENT).type()).isEqualTo(Messages.ANNOUNCED);

    assertThat(list().printers().get(0).candidates()).containsExactly("10.8.0.2:8765", "[fd00::50]:8765");
  }

  @Test
  void listingWithoutCandidatesHasNone() throws Exception {
    t.agent(TestRelay.newInstanceId());

    assertThat(list().printers().get(0).candidates()).isNull();
  }

  @Test
  void changedCandidatesUpdateTheSameEntry_C13() throws Exception {
    String id = TestRelay.newInstanceId();
    TestRelay.Socket agent = t.connect("/agent/v1/discovery", null);
    agent.send(Messages.ANNOUNCE, withCandidates(id, List.of("10.8.0.2:8765")));
    agent.next(Messages.RELAY_TO_AGENT);

    agent.send(Messages.ANNOUNCE, withCandidates(id, List.of("192.168.7.9:8765")));

    DiscoveryResponse d = list();
    for (int i = 0; i < 100 && !List.of("192.168.7.9:8765").equals(d.printers().get(0).candidates()); i++) {
      d = list();
    }
    assertThat(d.printers()).hasSize(1);
    assertThat(d.printers().get(0).instanceId()).isEqualTo(id);
    assertThat(d.printers().get(0).candidates()).containsExactly("192.168.7.9:8765");
  }

  @Test
  void loopbackCandidateIsRefusedOutsideEmbeddedMode() throws Exception {
    t.close();
    t = TestRelay.start(dir.resolve("strict"), b -> b.allowLoopbackAgents(false));
    TestRelay.Socket agent = t.connect("/agent/v1/discovery", null);
    agent.send(Messages.ANNOUNCE, withCandidates(TestRelay.newInstanceId(), List.of("127.0.0.1:8765")));

    Message m = agent.next(Messages.RELAY_TO_AGENT);

    assertThat(m.type()).isEqualTo(Messages.ERROR);
    assertThat(m.as(WsError.class).error()).isEqualTo(ErrorCodes.INVALID_FIELD);
  }
}
