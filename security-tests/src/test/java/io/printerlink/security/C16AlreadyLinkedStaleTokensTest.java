package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.state.TokenStore;
import io.printerlink.desktop.core.LinkException;
import io.printerlink.desktop.core.LinkingCore;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.protocol.api.PrintersResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C-16, already linked, stale tokens. printer-a is linked to account A, then loses its token file
 * (its {@code link.json} survives) and opens a new window, announcing the printer it was. The rule
 * (relay {@code FormerPrinters}, docs/WIRE.md): the owner relinks and the old printer is revoked in
 * the same transaction; any other account gets 409 {@code ALREADY_LINKED} naming nobody, before a
 * verify could spend the window; a claim on a printer that is online is ignored. Unlinking makes
 * the agent's next connection a 401: it wipes its token and link file and opens a fresh window.
 */
class C16AlreadyLinkedStaleTokensTest {
  @TempDir Path temp;
  private AttackFixture f;
  private AttackFixture.Account owner;
  private AttackFixture.Account neighbour;
  private LinkingCore ownerCore;
  private Path state;

  @BeforeEach
  void start() throws Exception {
    f = AttackFixture.start(temp);
    owner = f.createAccount("owner-a");
    neighbour = f.createAccount("neighbour-b");
    ownerCore = f.signedInCore(owner, Clock.systemUTC());
    state = temp.resolve("printer-a-state");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void ownerRelinksAndTheOldTokenIsRevokedNotDuplicated_C16() throws Exception {
    Linked first = linkThenLoseTheTokenFile();

    LinkRequestView second = ownerCore.link(ownerCore.awaitSinglePrinter(), e -> { });

    assertThat(second.linkState()).isEqualTo(LinkState.LINKED);
    assertThat(f.printerRows()).extracting(r -> r.id() + " " + r.state())
        .containsExactlyInAnyOrder(first.printerId + " REVOKED", second.printerId() + " ACTIVE");
    assertThat(f.printerSocketStatus(first.token)).as("the old token").isEqualTo(401);
    AttackFixture.Reply mine = f.send(f.http, HttpMethod.GET, f.relayUri() + "/api/v1/printers", owner.token(), null,
        Map.of());
    assertThat(mine.as(PrintersResponse.class).printers()).extracting(p -> p.id()).containsExactly(second.printerId());
  }

  @Test
  void anotherAccountIsRefusedWithoutLearningAboutTheOwner_C16() throws Exception {
    Linked first = linkThenLoseTheTokenFile();
    AgentStatus window = first.agentAgain.status();
    f.awaitListed(neighbour, window.instanceId());

    AttackFixture.Reply refused = f.postLinkRequest(f.http, neighbour, window.instanceId(), f.nonce(), f.forgedProof());

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo(ErrorCodes.ALREADY_LINKED);
    assertThat(refused.body()).doesNotContain(owner.id()).doesNotContain(owner.username())
        .doesNotContain(first.printerId);
    // nothing happened: no verify went out, the owner's window and printer are untouched
    assertThat(first.agentAgain.status().windowOpen()).isTrue();
    assertThat(first.agentAgain.status().instanceId()).isEqualTo(window.instanceId());
    assertThat(f.printerRows()).extracting(AttackFixture.PrinterRow::state).containsExactly("ACTIVE");
    LinkException viaCore = catchThrowableOfType(() -> f.signedInCore(neighbour, Clock.systemUTC())
        .link(f.awaitListed(neighbour, window.instanceId()), e -> { }), LinkException.class);
    assertThat(viaCore.code()).isEqualTo(ErrorCodes.ALREADY_LINKED);
    assertThat(viaCore.reason()).contains("still linked to another account").doesNotContain(owner.username());
    assertThat(ownerCore.link(ownerCore.awaitSinglePrinter(), e -> { }).linkState()).isEqualTo(LinkState.LINKED);
  }

  @Test
  void unlinkMakesTheAgentWipeItsTokenAndOpenAFreshWindow_C16() throws Exception {
    PrinterAgent agent = f.startAgent("printer-a", state, b -> b);
    AgentStatus before = AttackFixture.awaitDiscoverable(agent);
    LinkRequestView linked = ownerCore.link(ownerCore.awaitSinglePrinter(), e -> { });
    AttackFixture.awaitAgent(agent, "online as a linked printer", s -> s.linked() && linked.printerId().equals(s.printerId()));

    f.unlink(owner, linked.printerId());

    AgentStatus fresh = AttackFixture.awaitAgent(agent, "a fresh window after the 401", s -> !s.linked()
        && s.windowOpen() && s.lastAnnounceAccepted() && !before.instanceId().equals(s.instanceId()));
    assertThat(Files.exists(state.resolve(TokenStore.TOKEN_FILE))).isFalse();
    assertThat(Files.exists(state.resolve(TokenStore.LINK_FILE))).as("nothing left to claim").isFalse();
    // a revoked printer is claimed by nobody: the neighbour may now link it
    LinkRequestView theirs = f.signedInCore(neighbour, Clock.systemUTC())
        .link(f.awaitListed(neighbour, fresh.instanceId()), e -> { });
    assertThat(theirs.linkState()).isEqualTo(LinkState.LINKED);
  }

  @Test
  void claimOnAPrinterThatIsOnlineIsIgnored_C16() throws Exception {
    PrinterAgent real = f.startAgent("printer-a", state, b -> b);
    AttackFixture.awaitDiscoverable(real);
    LinkRequestView linked = ownerCore.link(ownerCore.awaitSinglePrinter(), e -> { });
    AttackFixture.awaitAgent(real, "online", s -> linked.printerId().equals(s.printerId()));
    awaitOnline(linked.printerId(), true);
    // An impostor copies link.json (printer ids are not secret) but has no token.
    Path impostorState = temp.resolve("impostor-state");
    Files.createDirectories(impostorState);
    Files.copy(state.resolve(TokenStore.LINK_FILE), impostorState.resolve(TokenStore.LINK_FILE));
    PrinterAgent impostor = f.startAgent("impostor", impostorState, b -> b);
    AgentStatus window = AttackFixture.awaitDiscoverable(impostor);

    LinkRequestView theirs = f.signedInCore(neighbour, Clock.systemUTC())
        .link(f.awaitListed(neighbour, window.instanceId()), e -> { });

    assertThat(theirs.linkState()).isEqualTo(LinkState.LINKED);
    assertThat(f.printerRows()).extracting(r -> r.accountId() + " " + r.state())
        .containsExactlyInAnyOrder(owner.id() + " ACTIVE", neighbour.id() + " ACTIVE");
    assertThat(real.status().linked()).isTrue();
  }

  /** What the owner had before the token file went missing. */
  private static final class Linked {
    String printerId;
    Secret token;
    PrinterAgent agentAgain;
  }

  private Linked linkThenLoseTheTokenFile() throws Exception {
    PrinterAgent agent = f.startAgent("printer-a", state, b -> b);
    AttackFixture.awaitDiscoverable(agent);
    LinkRequestView linked = ownerCore.link(ownerCore.awaitSinglePrinter(), e -> { });
    assertThat(linked.linkState()).isEqualTo(LinkState.LINKED);
    AttackFixture.awaitAgent(agent, "online", s -> linked.printerId().equals(s.printerId()));
    Linked l = new Linked();
    l.printerId = linked.printerId();
    l.token = Secret.fromText(Files.readString(state.resolve(TokenStore.TOKEN_FILE), StandardCharsets.US_ASCII).strip());
    agent.close();
    awaitOnline(l.printerId, false);
    Files.delete(state.resolve(TokenStore.TOKEN_FILE));
    l.agentAgain = f.startAgent("printer-a", state, b -> b);
    AttackFixture.awaitDiscoverable(l.agentAgain);
    return l;
  }

  private void awaitOnline(String printerId, boolean online) throws Exception {
    AttackFixture.awaitValue("printer " + printerId + " online=" + online,
        () -> f.send(f.http, HttpMethod.GET, f.relayUri() + "/api/v1/printers", owner.token(), null, Map.of())
            .as(PrintersResponse.class),
        r -> r.printers().stream().anyMatch(p -> p.id().equals(printerId) && p.online() == online));
  }
}
