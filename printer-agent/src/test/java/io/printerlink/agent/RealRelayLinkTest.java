package io.printerlink.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.Json;
import io.printerlink.protocol.Proof;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.ExchangeResponse;
import io.printerlink.protocol.api.LinkRequestCreate;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.RelayServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent against the real relay: discovered, exchanged, proved, linked, online. */
class RealRelayLinkTest {
  private final SecureRandom random = new SecureRandom();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir Path relayData;
  @TempDir Path agentState;
  private RelayServer relay;
  private PrinterAgent agent;

  @AfterEach
  void stop() {
    try {
      if (agent != null) {
        agent.close();
      }
    } finally {
      if (relay != null) {
        relay.close();
      }
    }
  }

  private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(relay.httpUri().resolve(path)).timeout(Duration.ofSeconds(5));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void linksThroughTheRealRelay() throws Exception {
    relay = RelayServer.start(RelayConfig.builder().port(0).dataDir(relayData).allowLoopbackAgents(true)
        .passwordIterations(1000).build());
    agent = PrinterAgent.start(AgentConfig.builder()
        .relayUri(relay.httpUri()).port(0).bindHost("127.0.0.1").advertiseHost("127.0.0.1")
        .stateDir(agentState).name("Bench printer").heartbeat(Duration.ofMillis(500)).random(random).build());
    AgentTesting.await(agent, AgentStatus::lastAnnounceAccepted);

    HttpResponse<String> created = call("POST", "/api/v1/accounts", null,
        Json.write(new CreateAccountRequest("ada", Secret.fromText("correct horse battery"), "Ada")));
    assertThat(created.statusCode()).isEqualTo(201);
    SessionResponse session = Json.parse(created.body(), SessionResponse.class);
    String sessionToken = session.token().text(SecretAccess.REVEAL);

    java.util.concurrent.BlockingQueue<String> events = new java.util.concurrent.LinkedBlockingQueue<>();
    org.eclipse.jetty.websocket.client.WebSocketClient ws = new org.eclipse.jetty.websocket.client.WebSocketClient();
    ws.start();
    try {
    org.eclipse.jetty.websocket.client.ClientUpgradeRequest upgrade = new org.eclipse.jetty.websocket.client.ClientUpgradeRequest();
    upgrade.setHeader("Authorization", "Bearer " + sessionToken);
    ws.connect(new EventsListener(events), URI.create(relay.wsUri() + "/client/v1/events"), upgrade)
        .get(5, java.util.concurrent.TimeUnit.SECONDS);

    DiscoveryResponse list = Json.parse(call("GET", "/api/v1/discovery", sessionToken, null).body(), DiscoveryResponse.class);
    assertThat(list.printers()).hasSize(1);
    DiscoveredPrinter found = list.printers().get(0);
    assertThat(found.instanceId()).isEqualTo(agent.status().instanceId());

    HttpResponse<String> ex = http.send(
        HttpRequest.newBuilder(URI.create("http://" + found.privateIp() + ":" + found.port() + "/discovery/v1/exchange"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"instanceId\":\"" + found.instanceId() + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    Secret secret = Json.parse(ex.body(), ExchangeResponse.class).localSecret();
    String nonce = Secrets.newNonce(random, 16);
    Secret proof = Proof.compute(secret, found.instanceId(), session.accountId(), nonce);
    HttpResponse<String> lr = call("POST", "/api/v1/link-requests", sessionToken,
        Json.write(new LinkRequestCreate(found.instanceId(), nonce, proof)));
    assertThat(lr.statusCode()).isEqualTo(202);
    String id = Json.parse(lr.body(), LinkRequestView.class).id();

    AgentStatus linked = AgentTesting.await(agent, s -> s.linked() && "Ada".equals(s.accountName()));
    assertThat(linked.windowOpen()).isFalse();
    Path tokenFile = agentState.resolve("printer-token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
    LinkRequestView view = null;
    while (view == null || !view.state().equals("LINKED")) {
      String text = events.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(text).as("a LINKED link-state event within 10 s").isNotNull();
      io.printerlink.protocol.Message m = Json.parseMessage(text, io.printerlink.protocol.ws.Messages.RELAY_TO_CLIENT);
      if (m.type().equals(io.printerlink.protocol.ws.Messages.LINK_STATE)
          && m.as(LinkRequestView.class).id().equals(id)) {
        view = m.as(LinkRequestView.class);
        assertThat(view.state()).isNotIn("REJECTED", "EXPIRED", "FAILED");
      }
    }
    assertThat(linked.printerId()).isEqualTo(view.printerId());
    } finally {
      ws.stop();
    }
  }

  /** Collects the client events socket's messages. */
  public static final class EventsListener extends org.eclipse.jetty.websocket.api.Session.Listener.AbstractAutoDemanding {
    private final java.util.concurrent.BlockingQueue<String> events;

    EventsListener(java.util.concurrent.BlockingQueue<String> events) {
      this.events = events;
    }

    @Override
    public void onWebSocketText(String message) {
      events.add(message);
    }

    @Override
    public void onWebSocketError(Throwable cause) {}
  }
}
