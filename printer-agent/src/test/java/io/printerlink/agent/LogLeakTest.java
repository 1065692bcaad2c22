package io.printerlink.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.Message;
import io.printerlink.protocol.Proof;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.ExchangeResponse;
import io.printerlink.protocol.ws.Announce;
import io.printerlink.protocol.ws.Announced;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.PrinterToken;
import io.printerlink.protocol.ws.Verify;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** T13: a whole link through the agent never puts the local secret, the proof or a token in the log. */
class LogLeakTest {
  private final SecureRandom random = new SecureRandom();
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  @TempDir Path stateDir;
  private ScriptedRelay relay;
  private PrinterAgent agent;

  @AfterEach
  void stop() throws Exception {
    root.detachAppender(captured);
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

  @Test
  void noSecretProofOrTokenIsEverLogged_T13() throws Exception {
    captured.start();
    root.addAppender(captured);
    relay = new ScriptedRelay(true);
    agent = PrinterAgent.start(AgentConfig.builder()
        .relayUri(relay.uri()).port(0).bindHost("127.0.0.1").advertiseHost("127.0.0.1").stateDir(stateDir)
        .heartbeat(Duration.ofMillis(200)).random(random).build());
    ScriptedRelay.Conn conn = relay.nextDiscovery();
    Announce announce = Json.parseMessage(conn.next(), Messages.AGENT_TO_RELAY).as(Announce.class);
    Secret presence = Secrets.newToken(random);
    String presenceText = presence.text(SecretAccess.REVEAL);
    conn.send(Messages.RELAY_TO_AGENT.encode(Messages.ANNOUNCED, new Announced(presence, "127.0.0.1", 5)));

    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.exchangePort() + "/discovery/v1/exchange"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"instanceId\":\"" + announce.instanceId() + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    Secret secret = Json.parse(r.body(), ExchangeResponse.class).localSecret();
    String secretText = secret.text(SecretAccess.REVEAL);
    String nonce = Secrets.newNonce(random, 16);
    Secret proof = Proof.compute(secret, announce.instanceId(), "acc_1", nonce);
    String proofText = proof.text(SecretAccess.REVEAL);
    conn.send(Messages.RELAY_TO_AGENT.encode(Messages.VERIFY, new Verify("lr_1", "acc_1", "Ada", nonce, proof)));
    Message m;
    do {
      m = Json.parseMessage(conn.next(), Messages.AGENT_TO_RELAY);
    } while (m.type().equals(Messages.ANNOUNCE));
    Secret token = Secrets.newToken(random);
    String tokenText = token.text(SecretAccess.REVEAL);
    conn.send(Messages.RELAY_TO_AGENT.encode(Messages.TOKEN, new PrinterToken("lr_1", "prn_1", "acc_1", "Ada", token)));
    relay.nextPrinter();
    AgentTesting.await(agent, AgentStatus::linked);
    agent.close();

    List<String> lines = captured.list.stream()
        .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
        .collect(Collectors.toList());
    assertThat(lines).anyMatch(l -> l.contains("exchange served"));
    assertThat(lines).anyMatch(l -> l.contains("proof matched"));
    String all = String.join("\n", lines);
    assertThat(all).doesNotContain(secretText).doesNotContain(proofText).doesNotContain(tokenText)
        .doesNotContain(presenceText);
  }
}
