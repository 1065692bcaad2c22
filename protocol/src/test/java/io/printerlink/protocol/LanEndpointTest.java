package io.printerlink.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.ws.Announce;
import io.printerlink.protocol.ws.Messages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional {@code candidates} of announce and discovery listings (issue 6, C-06, C-10). */
class LanEndpointTest {
  private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

  private static String announce(String extra) {
    return "{\"type\":\"announce\",\"protocol\":1,\"instanceId\":\"" + ID + "\",\"privateIp\":\"192.168.1.50\","
        + "\"port\":8081,\"hostname\":\"pi\",\"agentName\":\"printer-a\",\"agentVersion\":\"0.1.0\","
        + "\"model\":\"Prusa MK4\",\"windowSecondsLeft\":599" + extra + "}";
  }

  @Test
  void parsesIpv4AndBracketedIpv6Endpoints_C10() {
    assertThat(LanEndpoint.parse("192.168.1.50:8081")).contains(new LanEndpoint("192.168.1.50", 8081));
    assertThat(LanEndpoint.parse("[fd00::50]:8082")).contains(new LanEndpoint("fd00::50", 8082));
    assertThat(new LanEndpoint("fd00::50", 8082).toString()).isEqualTo("[fd00::50]:8082");
  }

  @Test
  void refusesEndpointsThatAreNotLanLiteralsWithPorts() {
    assertThat(LanEndpoint.parse("203.0.113.7:80")).isEmpty();
    assertThat(LanEndpoint.parse("printer.local:80")).isEmpty();
    assertThat(LanEndpoint.parse("192.168.1.50")).isEmpty();
    assertThat(LanEndpoint.parse("192.168.1.50:0")).isEmpty();
    assertThat(LanEndpoint.parse("192.168.1.50:65536")).isEmpty();
    assertThat(LanEndpoint.parse("fd00::50:8081")).isEmpty();
    assertThat(LanEndpoint.parse("[192.168.1.50]:8081")).isEmpty();
  }

  @Test
  void announceWithoutCandidatesStillParses() throws Exception {
    Announce a = Json.parseMessage(announce(""), Messages.AGENT_TO_RELAY).as(Announce.class);
    assertThat(a.candidates()).isNull();
    assertThat(Messages.AGENT_TO_RELAY.encode(Messages.ANNOUNCE, a)).doesNotContain("candidates");
  }

  @Test
  void announceCarriesOrderedCandidates_C06() throws Exception {
    Announce a = Json.parseMessage(announce(",\"candidates\":[\"10.8.0.2:8081\",\"[fd00::50]:8081\"]"),
        Messages.AGENT_TO_RELAY).as(Announce.class);
    assertThat(a.candidates()).containsExactly("10.8.0.2:8081", "[fd00::50]:8081");
  }

  @Test
  void announceWithAPublicCandidateIsRefused() {
    assertThatThrownBy(() -> Json.parseMessage(announce(",\"candidates\":[\"203.0.113.7:80\"]"), Messages.AGENT_TO_RELAY))
        .isInstanceOf(JsonInputException.class)
        .extracting(e -> ((JsonInputException) e).code())
        .isEqualTo(ErrorCodes.INVALID_FIELD);
  }

  @Test
  void announceWithTooManyCandidatesIsRefused() {
    StringBuilder list = new StringBuilder();
    for (int i = 1; i <= LanEndpoint.MAX_CANDIDATES + 1; i++) {
      list.append(i == 1 ? "" : ",").append("\"192.168.1.").append(i).append(":80\"");
    }
    assertThatThrownBy(() -> Json.parseMessage(announce(",\"candidates\":[" + list + "]"), Messages.AGENT_TO_RELAY))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("field 'candidates' has more than " + LanEndpoint.MAX_CANDIDATES + " items");
  }

  @Test
  void announceWithoutPortIsInvalid_C10() {
    String noPort = announce("").replace("\"port\":8081,", "");
    assertThatThrownBy(() -> Json.parseMessage(noPort, Messages.AGENT_TO_RELAY))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("field 'port' is required");
  }

  @Test
  void listingTriesPrivateIpFirstThenCandidatesSkippingRepeatsAndOutsiders() {
    DiscoveredPrinter p = new DiscoveredPrinter(ID, "192.168.1.50", 8081, "pi", "a", "0.1.0", "m", 500,
        List.of("192.168.1.50:8081", "[fd00::50]:8081", "10.8.0.2:8081"));
    assertThat(p.endpoints()).extracting(LanEndpoint::toString)
        .containsExactly("192.168.1.50:8081", "[fd00::50]:8081", "10.8.0.2:8081");
    DiscoveredPrinter outside = new DiscoveredPrinter(ID, "203.0.113.7", 80, "pi", "a", "0.1.0", "m", 500, null);
    assertThat(outside.endpoints()).isEmpty();
  }
}
