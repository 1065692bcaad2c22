package io.printerlink.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printerlink.protocol.api.LinkRequestCreate;
import io.printerlink.protocol.api.SignInRequest;
import io.printerlink.protocol.ws.Announce;
import io.printerlink.protocol.ws.LinkRequestRef;
import io.printerlink.protocol.ws.Messages;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

  private static String announce(String extra) {
    return "{\"type\":\"announce\",\"protocol\":1,\"instanceId\":\"" + ID + "\",\"privateIp\":\"192.168.1.50\","
        + "\"port\":8081,\"hostname\":\"pi\",\"agentName\":\"printer-a\",\"agentVersion\":\"0.1.0\","
        + "\"model\":\"Prusa MK4\",\"windowSecondsLeft\":599" + extra + "}";
  }

  @Test
  void parsesValidAnnounce() throws Exception {
    Message m = Json.parseMessage(announce(""), Messages.AGENT_TO_RELAY);
    assertThat(m.type()).isEqualTo("announce");
    Announce a = m.as(Announce.class);
    assertThat(a.port()).isEqualTo(8081);
    assertThat(a.presenceToken()).isNull();
  }

  @Test
  void refusesUnknownField() {
    assertThatThrownBy(() -> Json.parseMessage(announce(",\"admin\":true"), Messages.AGENT_TO_RELAY))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("unknown field 'admin'")
        .extracting(e -> ((JsonInputException) e).code())
        .isEqualTo(ErrorCodes.UNKNOWN_FIELD);
  }

  @Test
  void refusesMissingPort_C10() {
    String noPort = announce("").replace("\"port\":8081,", "");
    assertThatThrownBy(() -> Json.parseMessage(noPort, Messages.AGENT_TO_RELAY))
        .hasMessage("field 'port' is required");
  }

  @Test
  void refusesPortAsString() {
    String s = announce("").replace("\"port\":8081", "\"port\":\"8081\"");
    assertThatThrownBy(() -> Json.parseMessage(s, Messages.AGENT_TO_RELAY)).hasMessage("field 'port' must be a number");
  }

  @Test
  void refusesFractionalAndHugeNumbers() {
    assertThatThrownBy(() -> Json.parseMessage(announce("").replace("8081", "8081.5"), Messages.AGENT_TO_RELAY))
        .hasMessage("field 'port' must be a whole number in range");
    assertThatThrownBy(() -> Json.parseMessage(announce("").replace("8081", "1e400"), Messages.AGENT_TO_RELAY))
        .hasMessage("field 'port' must be a whole number in range");
  }

  @Test
  void refusesPublicPrivateIp() {
    String s = announce("").replace("192.168.1.50", "8.8.8.8");
    assertThatThrownBy(() -> Json.parseMessage(s, Messages.AGENT_TO_RELAY))
        .hasMessage("field 'privateIp' must be a private, link-local or loopback IP literal");
  }

  @Test
  void refusesHostnameInsteadOfLiteral() {
    String s = announce("").replace("192.168.1.50", "printer.local");
    assertThatThrownBy(() -> Json.parseMessage(s, Messages.AGENT_TO_RELAY))
        .hasMessage("field 'privateIp' must be a private, link-local or loopback IP literal");
  }

  @Test
  void refusesOverlongHostname() {
    String s = announce("").replace("\"pi\"", "\"" + "a".repeat(254) + "\"");
    assertThatThrownBy(() -> Json.parseMessage(s, Messages.AGENT_TO_RELAY))
        .hasMessage("field 'hostname' is longer than 253 characters");
  }

  @Test
  void refusesBidiOverrideInName() {
    String s = announce("").replace("printer-a", "evil\\u202Egnp.exe");
    assertThatThrownBy(() -> Json.parseMessage(s, Messages.AGENT_TO_RELAY))
        .hasMessage("field 'agentName' contains control or direction-override characters");
  }

  @Test
  void refusesDuplicateKeys() {
    String s = announce(",\"port\":1");
    assertThatThrownBy(() -> Json.parseMessage(s, Messages.AGENT_TO_RELAY)).hasMessage("duplicate field 'port'");
  }

  @Test
  void refusesDeepNesting() {
    String deep = "[".repeat(50) + "]".repeat(50);
    assertThatThrownBy(() -> Json.parseTree(deep)).hasMessage("JSON nested too deeply");
  }

  @Test
  void refusesOversizeBody() {
    String big = "{\"username\":\"" + "a".repeat(Limits.MAX_BODY_BYTES) + "\"}";
    assertThatThrownBy(() -> Json.parse(big, SignInRequest.class))
        .isInstanceOf(JsonInputException.class)
        .extracting(e -> ((JsonInputException) e).code())
        .isEqualTo(ErrorCodes.TOO_LARGE);
  }

  @Test
  void refusesLenientSyntaxAndTrailingData() {
    assertThatThrownBy(() -> Json.parseTree("{'a':1}")).hasMessage("body is not valid JSON");
    assertThatThrownBy(() -> Json.parseTree("{\"a\":1} {}")).hasMessage("body is not valid JSON");
    assertThatThrownBy(() -> Json.parseTree("")).hasMessage("body is empty");
  }

  @Test
  void refusesUnknownMessageType() {
    assertThatThrownBy(() -> Json.parseMessage("{\"type\":\"sudo\"}", Messages.AGENT_TO_RELAY))
        .hasMessage("unknown message type");
  }

  @Test
  void secretFieldsAreNotPrintedByToString() throws Exception {
    LinkRequestCreate req = Json.parse(
        "{\"instanceId\":\"" + ID + "\",\"nonce\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"proof\":\"top-secret-proof\"}",
        LinkRequestCreate.class);
    assertThat(req.toString()).doesNotContain("top-secret-proof").contains("Secret[redacted]");
    assertThat(Json.write(req)).contains("top-secret-proof");
  }

  @Test
  void shortNonceRefused() {
    assertThatThrownBy(() -> Json.parse(
            "{\"instanceId\":\"" + ID + "\",\"nonce\":\"AAAA\",\"proof\":\"p\"}", LinkRequestCreate.class))
        .hasMessage("field 'nonce' must be base64url of at least 16 bytes");
  }

  @Test
  void messageRoundTrip() throws Exception {
    String wire = Messages.AGENT_TO_RELAY.encode(Messages.TOKEN_STORED, new LinkRequestRef("lr_1"));
    Message m = Json.parseMessage(wire, Messages.AGENT_TO_RELAY);
    assertThat(m.type()).isEqualTo("token-stored");
    assertThat(m.as(LinkRequestRef.class).linkRequestId()).isEqualTo("lr_1");
  }
}
