package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.api.AgentLinkCodeResponse;
import io.printerlink.protocol.api.LinkCodeResponse;
import io.printerlink.protocol.api.SessionResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CASES.md C-15: a code issued at relay time 12:00:00 with a 600 s life. The relay's clock is
 * injected and moved by hand; nothing the agent or client sends carries a time.
 */
class C15CodeExpiryEdgesTest {
  private static final Instant ISSUED = Instant.parse("2030-01-01T12:00:00Z");

  @TempDir Path dir;
  CodeHarness h;
  SessionResponse owner;
  String code;

  @BeforeEach
  void issueAtNoon() throws Exception {
    h = CodeHarness.start(dir, ISSUED, b -> { });
    owner = h.signUp();
    RelayFixture.Resp issued = h.issue(owner);
    assertThat(issued.as(LinkCodeResponse.class).expiresInSeconds()).isEqualTo(600);
    code = issued.as(LinkCodeResponse.class).code();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void redeemedAt120959Succeeds_C15() throws Exception {
    CodeHarness.Events events = h.events(owner);
    h.at(Instant.parse("2030-01-01T12:09:59Z"));

    RelayFixture.Resp r = h.redeem(2, code);

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    AgentLinkCodeResponse granted = r.as(AgentLinkCodeResponse.class);
    assertThat(granted.accountId()).isEqualTo(owner.accountId());
    assertThat(h.ack(2, granted).status()).isEqualTo(204);
    assertThat(events.next().state()).isEqualTo("REDEEMED");
    assertThat(events.next().state()).isEqualTo("LINKED");
    assertThat(h.count("SELECT COUNT(*) FROM printers WHERE state = 'ACTIVE' AND account_id = ?", owner.accountId()))
        .isEqualTo(1);
  }

  @Test
  void redeemedAt121001IsCodeExpired_C15() throws Exception {
    h.at(Instant.parse("2030-01-01T12:10:01Z"));

    RelayFixture.Resp r = h.redeem(2, code);

    assertThat(r.status()).isEqualTo(410);
    assertThat(r.error()).isEqualTo(ErrorCodes.CODE_EXPIRED);
    assertThat(h.count("SELECT COUNT(*) FROM printers")).isZero();
  }

  @Test
  void secondRedemptionIsCodeAlreadyUsed_C15() throws Exception {
    h.at(Instant.parse("2030-01-01T12:09:59Z"));
    assertThat(h.redeem(2, code).status()).isEqualTo(201);

    RelayFixture.Resp again = h.redeem(3, code);

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).isEqualTo(ErrorCodes.CODE_ALREADY_USED);
    assertThat(h.count("SELECT COUNT(*) FROM printers")).isEqualTo(1);
  }

  @Test
  void usedCodeStaysAlreadyUsedAfterItsLifeEnds_C15() throws Exception {
    h.at(Instant.parse("2030-01-01T12:09:59Z"));
    assertThat(h.redeem(2, code).status()).isEqualTo(201);
    h.at(Instant.parse("2030-01-01T12:10:01Z"));

    RelayFixture.Resp again = h.redeem(3, code);

    assertThat(again.error()).isEqualTo(ErrorCodes.CODE_ALREADY_USED);
  }

  @Test
  void askingAgainAt120959ShowsTheSameCodeWithOneSecondLeft_C15() throws Exception {
    h.at(Instant.parse("2030-01-01T12:09:59Z"));

    RelayFixture.Resp again = h.issue(owner);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.as(LinkCodeResponse.class)).isEqualTo(new LinkCodeResponse(code, 1));
  }

  @Test
  void askingAfterTheEndGivesANewCode_C15() throws Exception {
    h.at(Instant.parse("2030-01-01T12:10:01Z"));

    RelayFixture.Resp fresh = h.issue(owner);

    assertThat(fresh.status()).isEqualTo(201);
    LinkCodeResponse next = fresh.as(LinkCodeResponse.class);
    assertThat(next.expiresInSeconds()).isEqualTo(600);
    if (!next.code().equals(code)) { // one chance in a million that the new code has the same digits
      assertThat(h.redeem(2, code).error()).as("the old code stays dead").isEqualTo(ErrorCodes.CODE_EXPIRED);
    }
  }
}
