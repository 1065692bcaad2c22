package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentMain;
import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.codes.CodeLinker;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.api.SessionResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CASES.md C-14: an agent talking to a relay that lacks an endpoint (404) or speaks another
 * protocol version says "relay does not support ... v1", never "wrong code"; code redemption
 * answers each refusal with its own error, and the agent says each in its own plain words.
 * The relay "without the endpoints" is the real relay reached under a path prefix it does not
 * serve, so every path under it answers 404 exactly as an older relay would.
 */
class C14VersionMismatchTest {
  @TempDir Path relayData;
  @TempDir Path agentState;
  CodeHarness h;
  Server otherVersion;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void start() {
    h = CodeHarness.start(relayData);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (otherVersion != null) {
        otherVersion.stop();
      }
    } finally {
      h.close();
    }
  }

  private int agentLink(String relayUrl, String code) {
    return AgentMain.execute(new String[] {"link", "--code", code, "--relay", relayUrl,
        "--state-dir", agentState.toString(), "--name", "Bench printer"},
        new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private String relayUrl() {
    return h.fixture.relay.httpUri().toString();
  }

  @Test
  void agentOnARelayWithoutTheDiscoveryEndpointSaysItDoesNotSupportDiscoveryV1_C14() throws Exception {
    PrinterAgent agent = h.fixture.startAgent(agentState, "Bench printer",
        b -> b.relayUri(java.net.URI.create(relayUrl() + "/v0")));

    AgentStatus status = RelayFixture.awaitStatus(agent, "the agent reports the missing endpoint",
        s -> "relay does not support discovery v1".equals(s.lastError()));

    assertThat(status.lastAnnounceAccepted()).isFalse();
  }

  @Test
  void linkCodeOnARelayWithoutTheCodeEndpointSaysItDoesNotSupportLinkCodesV1_C14() {
    int exit = agentLink(relayUrl() + "/v0", "123456");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("Not linked: " + CodeLinker.NOT_SUPPORTED)
        .doesNotContain(CodeLinker.NOT_FOUND).doesNotContain("\tat ");
  }

  @Test
  void linkCodeOnARelayOfAnotherProtocolVersionSaysItDoesNotSupportLinkCodesV1_C14() throws Exception {
    otherVersion = relayAnswering(400, "{\"error\":\"PROTOCOL_UNSUPPORTED\",\"message\":\"this relay speaks protocol 2\"}");

    int exit = agentLink("http://127.0.0.1:" + ((ServerConnector) otherVersion.getConnectors()[0]).getLocalPort(),
        "123456");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("Not linked: " + CodeLinker.NOT_SUPPORTED);
  }

  @Test
  void relayRefusesAnotherProtocolVersionWithProtocolUnsupported_C14() throws Exception {
    String code = h.code(h.signUp());

    RelayFixture.Resp r = h.fixture.call(RelayFixture.HOME, "POST", "/api/v1/agent/link-code", null,
        "{\"protocol\":2,\"code\":\"" + code + "\",\"hostname\":\"h\",\"agentName\":\"a\",\"agentVersion\":\"9\",\"model\":\"m\"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(ErrorCodes.PROTOCOL_UNSUPPORTED);
  }

  @Test
  void unknownCodeIsCodeNotFoundInPlainWords_C14() throws Exception {
    String code = h.code(h.signUp());

    int exit = agentLink(relayUrl(), code.equals("000000") ? "000001" : "000000");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("Not linked: " + CodeLinker.NOT_FOUND);
  }

  @Test
  void expiredCodeIsCodeExpiredInPlainWords_C14() throws Exception {
    String code = h.code(h.signUp());
    h.clock.jump(Duration.ofSeconds(601));

    int exit = agentLink(relayUrl(), code);

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("Not linked: " + CodeLinker.EXPIRED);
  }

  @Test
  void usedCodeIsCodeAlreadyUsedInPlainWords_C14() throws Exception {
    SessionResponse owner = h.signUp();
    String code = h.code(owner);
    assertThat(h.redeem(2, code).status()).isEqualTo(201);

    int exit = agentLink(relayUrl(), code);

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("Not linked: " + CodeLinker.ALREADY_USED);
  }

  @Test
  void throttledNetworkIsRateLimitedInPlainWordsWithTheWait_C14() throws Exception {
    String code = h.code(h.signUp());
    for (int i = 0; i < io.printerlink.relay.RelayConfig.DEFAULT_CODE_FAILURES_PER_KEY; i++) {
      h.redeem(1, String.format("%06d", (Integer.parseInt(code) + 1 + i) % 1_000_000));
    }

    int exit = agentLink(relayUrl(), code);

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("Not linked: too many wrong codes from this network; try again in 600 s");
  }

  /** A stand-in relay of another protocol version: every request gets {@code status} and {@code json}. */
  private static Server relayAnswering(int status, String json) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "application/json");
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
      }
    });
    server.start();
    return server;
  }
}
