package io.printerlink.security;

import static io.printerlink.security.RelayFixture.HOME;
import static io.printerlink.security.RelayFixture.OUTSIDER;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.WsError;
import java.nio.file.Path;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T17: a neighbour behind the same public address reads the victim's instance id from the
 * discovery list and opens its own agent connection announcing that id. The victim is a real
 * {@link PrinterAgent}; the neighbour is a scripted agent whose sockets come from the same
 * 127.0.0.1 (same network key, as behind one carrier NAT), or from 127.0.0.2 for an outsider.
 */
class T17InstanceIdHijackTest {
  @TempDir Path dir;
  RelayFixture f;
  PrinterAgent victim;
  SessionResponse neighbour;
  DiscoveredPrinter listed;

  @BeforeEach
  void start() throws Exception {
    f = RelayFixture.start(dir.resolve("relay"));
    victim = f.startAgent(dir.resolve("agent"), "victim-printer");
    neighbour = f.signUp(HOME);
    listed = f.awaitPrinter(HOME, neighbour);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private RelayFixture.Socket hijack(String from, Secret presenceToken) throws Exception {
    RelayFixture.Socket h = f.connect(from, "/agent/v1/discovery", null);
    h.send(Messages.ANNOUNCE, RelayFixture.announce(listed.instanceId(), presenceToken));
    return h;
  }

  @Test
  void neighbourAnnouncingTheListedIdIsRefusedAndClosed_T17() throws Exception {
    RelayFixture.Socket h = hijack(HOME, null);

    assertThat(h.nextOf(Messages.RELAY_TO_AGENT, Messages.ERROR, WsError.class).error())
        .isEqualTo(ErrorCodes.INSTANCE_ID_TAKEN);
    assertThat(h.awaitClose()).isEqualTo(StatusCode.POLICY_VIOLATION);
  }

  @Test
  void forgedPresenceTokenIsRefused_T17() throws Exception {
    RelayFixture.Socket h = hijack(HOME, Secret.fromText("F".repeat(43)));

    assertThat(h.nextOf(Messages.RELAY_TO_AGENT, Messages.ERROR, WsError.class).error())
        .isEqualTo(ErrorCodes.INSTANCE_ID_TAKEN);
  }

  @Test
  void outsiderAnnouncingTheIdIsRefusedToo_T17() throws Exception {
    RelayFixture.Socket h = hijack(OUTSIDER, null);

    assertThat(h.nextOf(Messages.RELAY_TO_AGENT, Messages.ERROR, WsError.class).error())
        .isEqualTo(ErrorCodes.INSTANCE_ID_TAKEN);
  }

  @Test
  void refusedClaimIsLoggedAndAudited_T17() throws Exception {
    RelayFixture.Socket h = hijack(HOME, null);
    h.awaitClose();

    assertThat(f.logs.atLeast(Level.WARN, "announced an instance id another connection owns")).hasSize(1);
    assertThat(f.count("SELECT COUNT(*) FROM audit_log WHERE event = 'INSTANCE_ID_REFUSED'")).isEqualTo(1);
  }

  @Test
  void verifyAndTokenGoOnlyToTheOwnerAfterAHijackAttempt_T17() throws Exception {
    RelayFixture.Socket h = hijack(HOME, null);
    h.awaitClose();
    SessionResponse owner = f.signUp(HOME);

    LinkRequestView end = f.link(owner);

    assertThat(end.linkState()).isEqualTo(LinkState.LINKED);
    AgentStatus status = RelayFixture.awaitStatus(victim, "the real agent is linked", AgentStatus::linked);
    assertThat(status.accountName()).isEqualTo(owner.displayName());
    assertThat(h.texts).noneMatch(t -> t.contains("\"verify\"") || t.contains("\"token\""));
  }

  @Test
  void theVictimStaysListedAfterTheAttempt_T17() throws Exception {
    hijack(HOME, null).awaitClose();

    assertThat(f.discovery(HOME, neighbour).printers()).extracting(p -> p.instanceId())
        .containsExactly(listed.instanceId());
    assertThat(victim.status().instanceId()).isEqualTo(listed.instanceId());
  }
}
