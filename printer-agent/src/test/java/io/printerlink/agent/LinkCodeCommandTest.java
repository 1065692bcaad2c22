package io.printerlink.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.codes.CodeLinker;
import io.printerlink.agent.state.StoredLink;
import io.printerlink.agent.state.TokenStore;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.LinkCodeResponse;
import io.printerlink.protocol.api.PrintersResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.RelayServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code printer-agent link --code} against the real relay. */
class LinkCodeCommandTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path relayData;
  @TempDir Path agentState;
  private RelayServer relay;
  private SessionResponse user;

  @BeforeEach
  void start() throws Exception {
    relay = RelayServer.start(RelayConfig.builder().port(0).dataDir(relayData).passwordIterations(1000).build());
    HttpResponse<String> created = call("/api/v1/accounts", null,
        Json.write(new CreateAccountRequest("ada", Secret.fromText("correct horse battery"), "Ada")));
    user = Json.parse(created.body(), SessionResponse.class);
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  private HttpResponse<String> call(String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(relay.httpUri().resolve(path)).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String issueCode() throws Exception {
    return Json.parse(call("/api/v1/link-codes", user.token().text(SecretAccess.REVEAL), "{}").body(),
        LinkCodeResponse.class).code();
  }

  private int link(String code) {
    return link(code, relay.httpUri());
  }

  private int link(String code, java.net.URI via) {
    return AgentMain.execute(
        new String[] {"link", "--code", code, "--relay", via.toString(), "--state-dir", agentState.toString(),
            "--name", "Bench printer", "--model", "Prusa MK4"},
        new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private java.util.List<io.printerlink.protocol.api.PrinterView> printers() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(relay.httpUri().resolve("/api/v1/printers"))
        .header("Authorization", "Bearer " + user.token().text(SecretAccess.REVEAL)).build(),
        HttpResponse.BodyHandlers.ofString());
    return Json.parse(r.body(), PrintersResponse.class).printers();
  }

  @Test
  void codeWithASpaceLinksStoresTheTokenOwnerOnlyAndPrintsTheAccount() throws Exception {
    String code = issueCode();

    int exit = link(code.substring(0, 3) + " " + code.substring(3));

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Linked to account \"Ada\" as printer prn_");
    Path tokenFile = agentState.resolve(TokenStore.TOKEN_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
    StoredLink stored = new TokenStore(agentState).load().orElseThrow();
    assertThat(stored.info().orElseThrow().accountId()).isEqualTo(user.accountId());
    HttpResponse<String> printers = http.send(HttpRequest.newBuilder(relay.httpUri().resolve("/api/v1/printers"))
        .header("Authorization", "Bearer " + user.token().text(SecretAccess.REVEAL)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(Json.parse(printers.body(), PrintersResponse.class).printers())
        .extracting(p -> p.id()).containsExactly(stored.info().orElseThrow().printerId());
  }

  @Test
  void codeWithADashLinks() throws Exception {
    String code = issueCode();

    assertThat(link(code.substring(0, 3) + "-" + code.substring(3))).as(err.toString()).isZero();
  }

  @Test
  void nonDigitsAreRefusedBeforeAnythingIsSent() throws Exception {
    int exit = link("12a-456");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("the code must be 6 digits (spaces and a dash are fine)").doesNotContain("\tat ");
    try (var c = java.sql.DriverManager.getConnection(
        "jdbc:h2:file:" + relayData.toAbsolutePath().resolve("relay"), "relay", "");
        var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM audit_log WHERE event = 'LINK_CODE_REFUSED'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("the relay heard nothing").isZero();
    }
  }

  @Test
  void wrongCodeSaysSoInPlainWordsAndExitsNonZero() throws Exception {
    String code = issueCode();
    String wrong = code.equals("000000") ? "000001" : "000000";

    int exit = link(wrong);

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("Not linked: no live code has these digits; check the code shown in the app")
        .doesNotContain("\tat ");
    assertThat(Files.exists(agentState.resolve(TokenStore.TOKEN_FILE))).isFalse();
  }

  @Test
  void anAlreadyLinkedAgentRefusesToLinkAgain() throws Exception {
    assertThat(link(issueCode())).isZero();

    int exit = link(issueCode());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("this printer is already linked (printer prn_");
  }

  @Test
  void unreachableRelayIsAPlainMessage() {
    int exit = AgentMain.execute(
        new String[] {"link", "--code", "123456", "--relay", "http://127.0.0.1:1", "--state-dir", agentState.toString()},
        new PrintWriter(out, true), new PrintWriter(err, true));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("Not linked: cannot reach the relay at 127.0.0.1:1: connection refused").doesNotContain("\tat ");
  }

  @Test
  void confirmationWhoseAnswerIsLostIsRetriedAndThePrinterStaysLinked() throws Exception {
    // The relay activates the printer but the agent never hears the 204 (relay killed, network cut):
    // wiping the token here would leave an active printer nobody can bring online.
    try (FaultProxy proxy = new FaultProxy(relay.httpUri(), CodeLinker.TOKEN_STORED_PATH,
        FaultProxy.Fault.DROP_ANSWER, 1)) {
      int exit = link(issueCode(), proxy.uri());

      assertThat(exit).as(out + "\n" + err).isZero();
      assertThat(proxy.faultedCalls.get()).isEqualTo(1);
      assertThat(proxy.forwardedCalls.get()).as("redeem, lost confirmation, retried confirmation").isEqualTo(3);
    }
    StoredLink stored = new TokenStore(agentState).load().orElseThrow();
    assertThat(printers()).extracting(p -> p.id()).containsExactly(stored.info().orElseThrow().printerId());
    assertThat(out.toString()).contains("Linked to account \"Ada\"");
  }

  @Test
  void confirmationThatNeverArrivedIsRetriedAndLinks() throws Exception {
    try (FaultProxy proxy = new FaultProxy(relay.httpUri(), CodeLinker.TOKEN_STORED_PATH,
        FaultProxy.Fault.DROP_REQUEST, 2)) {
      int exit = link(issueCode(), proxy.uri());

      assertThat(exit).as(out + "\n" + err).isZero();
      assertThat(proxy.faultedCalls.get()).isEqualTo(2);
    }
    assertThat(new TokenStore(agentState).load()).isPresent();
    assertThat(printers()).hasSize(1);
  }

  @Test
  void confirmationUnansweredForTheWholeRetryTimeWipesTheTokenAndSaysWhatToDo() throws Exception {
    String code = issueCode();
    try (FaultProxy proxy = new FaultProxy(relay.httpUri(), CodeLinker.TOKEN_STORED_PATH,
        FaultProxy.Fault.DROP_REQUEST, Integer.MAX_VALUE)) {
      org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient();
      client.start();
      try {
        CodeLinker.Result r = new CodeLinker(client, proxy.uri(), Duration.ofSeconds(5), new TokenStore(agentState),
            Duration.ofSeconds(1)).link(code, new CodeLinker.PrinterInfo("octopi", "Bench", "0.1.0", "Prusa MK4"));

        assertThat(r.linked()).isFalse();
        assertThat(r.message()).startsWith("the link was not confirmed: the connection to the relay at 127.0.0.1:")
            .contains("ask the app for a new code");
        assertThat(proxy.faultedCalls.get()).as("retried").isGreaterThan(1);
      } finally {
        client.stop();
      }
    }
    assertThat(Files.exists(agentState.resolve(TokenStore.TOKEN_FILE))).isFalse();
  }

  @Test
  void anAnswerLostAfterTheRelayTookTheCodeSaysTheCodeMayBeUsedUp() throws Exception {
    String code = issueCode();
    try (FaultProxy proxy = new FaultProxy(relay.httpUri(), CodeLinker.LINK_CODE_PATH, FaultProxy.Fault.DROP_ANSWER, 1)) {
      org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient();
      client.start();
      try {
        CodeLinker.Result r = new CodeLinker(client, proxy.uri(), Duration.ofSeconds(5), new TokenStore(agentState))
            .link(code, new CodeLinker.PrinterInfo("octopi", "Bench", "0.1.0", "Prusa MK4"));

        assertThat(proxy.forwardedCalls.get()).as("the relay got the request").isEqualTo(1);
        assertThat(r.linked()).isFalse();
        assertThat(r.message()).contains("broke before its answer")
            .endsWith("if it got the request anyway the code is used up: ask the app for a new code before trying again");
      } finally {
        client.stop();
      }
    }
    assertThat(Files.exists(agentState.resolve(TokenStore.TOKEN_FILE))).isFalse();
  }

  @Test
  void linkTakesTheRelayTrustFlagsOfTheAgent() {
    int exit = AgentMain.execute(
        new String[] {"link", "--code", "123456", "--relay", "http://relay.example.org", "--state-dir",
            agentState.toString()},
        new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("refusing plain http to relay.example.org").contains("--insecure");

    int missingCa = AgentMain.execute(
        new String[] {"link", "--code", "123456", "--relay", "https://relay.example.org", "--relay-ca",
            agentState.resolve("none.pem").toString(), "--state-dir", agentState.toString()},
        new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(missingCa).isEqualTo(2);
    assertThat(err.toString()).contains("relay CA file").contains("does not exist").doesNotContain("Unknown option")
        .doesNotContain("\tat ");
  }
}
