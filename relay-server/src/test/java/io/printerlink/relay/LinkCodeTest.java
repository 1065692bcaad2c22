package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.AgentLinkCodeRequest;
import io.printerlink.protocol.api.AgentLinkCodeResponse;
import io.printerlink.protocol.api.LinkCodeResponse;
import io.printerlink.protocol.api.PrintersResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.ws.LinkCodeEvent;
import io.printerlink.protocol.ws.LinkRequestRef;
import io.printerlink.protocol.ws.Messages;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.StringRequestContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manual 6-digit code on the relay (PROTOCOL.md "The manual fallback"), over real sockets. */
class LinkCodeTest {
  private static final Instant NOON = Instant.parse("2030-01-01T12:00:00Z");

  @TempDir Path dir;
  TestRelay t;
  final TestClock clock = new TestClock(NOON);
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @AfterEach
  void stop() throws Exception {
    if (t != null) {
      t.close();
    }
  }

  private void start(Consumer<RelayConfig.Builder> tweak) throws Exception {
    t = TestRelay.start(dir, b -> {
      b.clock(clock).nanoTime(nanos::get);
      tweak.accept(b);
    });
  }

  private void start() throws Exception {
    start(b -> { });
  }

  private TestRelay.Resp issue(SessionResponse s) throws Exception {
    return t.call("POST", "/api/v1/link-codes", TestRelay.token(s), "{}");
  }

  private String code(SessionResponse s) throws Exception {
    TestRelay.Resp r = issue(s);
    assertThat(r.status()).isIn(200, 201);
    return r.as(LinkCodeResponse.class).code();
  }

  private TestRelay.Resp redeem(String code) throws Exception {
    return t.call("POST", "/api/v1/agent/link-code", null, request(1, code));
  }

  static AgentLinkCodeRequest request(int protocol, String code) {
    return new AgentLinkCodeRequest(protocol, code, "octopi", "Workshop MK4", "0.1.0", "Prusa MK4");
  }

  private TestRelay.Resp ack(AgentLinkCodeResponse r) throws Exception {
    return t.call("POST", "/api/v1/agent/token-stored", r.token().text(SecretAccess.REVEAL),
        new LinkRequestRef(r.linkRequestId()));
  }

  /** The account's events socket, once subscribed (its first message, the discovery list, has come). */
  private TestRelay.Socket events(SessionResponse user) throws Exception {
    TestRelay.Socket events = t.connect("/client/v1/events", TestRelay.token(user));
    events.nextOf(Messages.RELAY_TO_CLIENT, Messages.DISCOVERY, io.printerlink.protocol.api.DiscoveryResponse.class);
    return events;
  }

  private int count(String sql) throws Exception {
    try (Connection c = t.db(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void issueAnswers201WithSixDigitsAndTenMinutes() throws Exception {
    start();

    TestRelay.Resp r = issue(t.signUp());

    assertThat(r.status()).isEqualTo(201);
    LinkCodeResponse code = r.as(LinkCodeResponse.class);
    assertThat(code.code()).matches("[0-9]{6}");
    assertThat(code.expiresInSeconds()).isEqualTo(600);
  }

  @Test
  void askingAgainReturnsTheSameCodeWithItsRemainingLife() throws Exception {
    start();
    SessionResponse user = t.signUp();
    String first = code(user);
    clock.advance(Duration.ofSeconds(90));

    TestRelay.Resp again = issue(user);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.as(LinkCodeResponse.class)).isEqualTo(new LinkCodeResponse(first, 510));
  }

  @Test
  void issueNeedsASignedInAccount() throws Exception {
    start();

    TestRelay.Resp r = t.call("POST", "/api/v1/link-codes", null, "{}");

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.error()).isEqualTo(ErrorCodes.UNAUTHORIZED);
  }

  @Test
  void redeemThenAckLinksThePrinterAndPushesRedeemedThenLinked() throws Exception {
    start();
    SessionResponse user = t.signUp();
    TestRelay.Socket events = events(user);
    String code = code(user);

    TestRelay.Resp redeemed = redeem(code);

    assertThat(redeemed.status()).isEqualTo(201);
    AgentLinkCodeResponse r = redeemed.as(AgentLinkCodeResponse.class);
    assertThat(r.accountId()).isEqualTo(user.accountId());
    assertThat(r.accountName()).isEqualTo(user.displayName());
    assertThat(count("SELECT COUNT(*) FROM printers WHERE state = 'PENDING'")).isEqualTo(1);
    LinkCodeEvent first = events.nextOf(Messages.RELAY_TO_CLIENT, Messages.LINK_CODE, LinkCodeEvent.class);
    assertThat(first).isEqualTo(new LinkCodeEvent("REDEEMED", null, r.printerId(), "Workshop MK4"));

    assertThat(ack(r).status()).isEqualTo(204);

    LinkCodeEvent linked = events.nextOf(Messages.RELAY_TO_CLIENT, Messages.LINK_CODE, LinkCodeEvent.class);
    assertThat(linked.state()).isEqualTo("LINKED");
    assertThat(linked.printerId()).isEqualTo(r.printerId());
    PrintersResponse printers = t.call("GET", "/api/v1/printers", TestRelay.token(user), null).as(PrintersResponse.class);
    assertThat(printers.printers()).extracting(p -> p.id()).containsExactly(r.printerId());
    try (Connection c = t.db(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT p.token_hash, lc.live_code, lc.state FROM printers p JOIN link_codes lc ON lc.printer_id = p.id")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(Secrets.sha256Hex(r.token()));
      assertThat(rs.getString(2)).isNull();
      assertThat(rs.getString(3)).isEqualTo("LINKED");
    }
  }

  @Test
  void unknownCodeIsCodeNotFoundAndAudited() throws Exception {
    start();

    TestRelay.Resp r = redeem("000000");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).isEqualTo(ErrorCodes.CODE_NOT_FOUND);
    assertThat(count("SELECT COUNT(*) FROM audit_log WHERE event = 'LINK_CODE_REFUSED' AND detail = 'CODE_NOT_FOUND'"))
        .isEqualTo(1);
  }

  @Test
  void codeRedeemedAtItsLastSecondWorksAndAtTheEndIsExpired() throws Exception {
    start();
    SessionResponse a = t.signUp();
    String late = code(a);
    clock.advance(Duration.ofSeconds(599));
    assertThat(redeem(late).status()).isEqualTo(201);

    SessionResponse b = t.signUp();
    String expired = code(b);
    clock.advance(Duration.ofSeconds(600));
    TestRelay.Resp r = redeem(expired);

    assertThat(r.status()).isEqualTo(410);
    assertThat(r.error()).isEqualTo(ErrorCodes.CODE_EXPIRED);
  }

  @Test
  void secondRedemptionIsCodeAlreadyUsed() throws Exception {
    start();
    String code = code(t.signUp());
    assertThat(redeem(code).status()).isEqualTo(201);

    TestRelay.Resp r = redeem(code);

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.error()).isEqualTo(ErrorCodes.CODE_ALREADY_USED);
  }

  @Test
  void otherProtocolVersionIsProtocolUnsupported() throws Exception {
    start();
    String code = code(t.signUp());

    TestRelay.Resp r = t.call("POST", "/api/v1/agent/link-code", null, request(2, code));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(ErrorCodes.PROTOCOL_UNSUPPORTED);
    assertThat(redeem(code).status()).as("the code is not spent").isEqualTo(201);
  }

  @Test
  void nonDigitCodeIsInvalidField() throws Exception {
    start();

    TestRelay.Resp r = t.call("POST", "/api/v1/agent/link-code", null,
        "{\"protocol\":1,\"code\":\"12a456\",\"hostname\":\"h\",\"agentName\":\"a\",\"agentVersion\":\"1\",\"model\":\"m\"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(ErrorCodes.INVALID_FIELD);
  }

  @Test
  void failuresFromOneNetworkKeyAreThrottledWithRetryAfter() throws Exception {
    start(b -> b.codeFailuresPerKey(2));
    String code = code(t.signUp());
    redeem("000001");
    redeem("000002");

    ContentResponse r = t.http.newRequest(t.relay.httpUri().resolve("/api/v1/agent/link-code")).method("POST")
        .body(new StringRequestContent("application/json", io.printerlink.protocol.Json.write(request(1, code))))
        .timeout(5, TimeUnit.SECONDS).send();

    assertThat(r.getStatus()).isEqualTo(429);
    assertThat(r.getContentAsString()).contains("\"RATE_LIMITED\"");
    assertThat(r.getHeaders().get("Retry-After")).isEqualTo("600");
  }

  @Test
  void missingAckRollsThePrinterBackAndALateAckIsGone_T12() throws Exception {
    start(b -> b.tokenAckTimeout(Duration.ofMillis(300)));
    SessionResponse user = t.signUp();
    TestRelay.Socket events = events(user);
    AgentLinkCodeResponse r = redeem(code(user)).as(AgentLinkCodeResponse.class);
    events.nextOf(Messages.RELAY_TO_CLIENT, Messages.LINK_CODE, LinkCodeEvent.class);

    LinkCodeEvent failed = events.nextOf(Messages.RELAY_TO_CLIENT, Messages.LINK_CODE, LinkCodeEvent.class);

    assertThat(failed.state()).isEqualTo("FAILED");
    assertThat(failed.reason()).isEqualTo("the printer did not confirm it stored its token in time");
    assertThat(count("SELECT COUNT(*) FROM printers")).isZero();
    assertThat(ack(r).status()).isEqualTo(410);
  }

  @Test
  void ackWithAnotherTokenIsUnauthorized() throws Exception {
    start();
    AgentLinkCodeResponse r = redeem(code(t.signUp())).as(AgentLinkCodeResponse.class);

    TestRelay.Resp wrong = t.call("POST", "/api/v1/agent/token-stored",
        Secrets.newToken(new SecureRandom()).text(SecretAccess.REVEAL), new LinkRequestRef(r.linkRequestId()));

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(count("SELECT COUNT(*) FROM printers WHERE state = 'ACTIVE'")).isZero();
  }

  @Test
  void collidingDrawsStillGiveDistinctCodesBecauseTheDatabaseRefusesDuplicates() throws Exception {
    // Each issue's first draw is 123456, so every issue after the first collides at least once.
    start(b -> b.random(new CollidingRandom()));
    String a = code(t.signUp());
    String b = code(t.signUp());
    String c = code(t.signUp());

    assertThat(new String[] {a, b, c}).containsExactly("123456", "123457", "123458");
  }

  @Test
  void databaseRefusesASecondLiveRowWithTheSameDigits() throws Exception {
    start();
    SessionResponse other = t.signUp();
    String code = code(t.signUp());

    assertThatThrownBy(() -> {
      try (Connection c = t.db()) {
        c.createStatement().executeUpdate("INSERT INTO link_codes (id, account_id, code, live_code, live_account, state, "
            + "created_at, expires_at) VALUES ('lc_x', '" + other.accountId() + "', '" + code + "', '" + code + "', '"
            + other.accountId() + "', 'LIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
      }
    }).isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
  }

  @Test
  void anExpiredCodesDigitsCanBeIssuedAgainBeforeTheSweepAndThenBelongToTheNewAccount() throws Exception {
    // The sweep runs once an hour here: the old row is still LIVE (its slot taken) when its digits come up again.
    start(b -> b.random(new SameDigitsRandom()).codeSweep(Duration.ofHours(1)));
    SessionResponse first = t.signUp();
    SessionResponse second = t.signUp();
    assertThat(code(first)).isEqualTo("424242");

    clock.advance(Duration.ofMinutes(10));
    TestRelay.Resp again = issue(second);

    assertThat(again.status()).as("the unique index does not block an expired code's digits").isEqualTo(201);
    assertThat(again.as(LinkCodeResponse.class).code()).isEqualTo("424242");
    assertThat(count("SELECT COUNT(*) FROM link_codes WHERE live_code = '424242'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM link_codes WHERE code = '424242' AND state = 'EXPIRED'")).isEqualTo(1);
    TestRelay.Resp r = redeem("424242");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.as(AgentLinkCodeResponse.class).accountId()).isEqualTo(second.accountId());
  }

  @Test
  void liveCodeCapIsEnforced() throws Exception {
    start(b -> b.maxLiveCodes(2));
    code(t.signUp());
    code(t.signUp());

    TestRelay.Resp r = issue(t.signUp());

    assertThat(r.status()).isEqualTo(429);
    assertThat(r.error()).isEqualTo(ErrorCodes.RATE_LIMITED);
  }

  @Test
  void issueIsThrottledPerAccount() throws Exception {
    start(b -> b.codeIssuesPerAccount(3));
    SessionResponse user = t.signUp();
    for (int i = 0; i < 3; i++) {
      code(user);
    }

    TestRelay.Resp r = issue(user);

    assertThat(r.status()).isEqualTo(429);
    assertThat(r.error()).isEqualTo(ErrorCodes.RATE_LIMITED);
    assertThat(issue(t.signUp()).status()).as("another account is not affected").isEqualTo(201);
  }

  @Test
  void expiredCodeIsPushedAsExpiredAndItsSlotFreed() throws Exception {
    start(b -> b.codeSweep(Duration.ofMillis(50)));
    SessionResponse user = t.signUp();
    TestRelay.Socket events = events(user);
    code(user);

    clock.advance(Duration.ofMinutes(10));

    assertThat(events.nextOf(Messages.RELAY_TO_CLIENT, Messages.LINK_CODE, LinkCodeEvent.class).state())
        .isEqualTo("EXPIRED");
    assertThat(issue(user).status()).as("a new code").isEqualTo(201);
    assertThat(count("SELECT COUNT(*) FROM link_codes WHERE live_code IS NOT NULL")).isEqualTo(1);
  }

  @Test
  void codeLimitsDefaultToTheDocumentedValues() {
    RelayConfig c = RelayConfig.builder().build();

    assertThat(c.codeLife()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.maxLiveCodes()).isEqualTo(200);
    assertThat(c.codeFailuresPerKey()).isEqualTo(5);
    assertThat(c.codeFailuresGlobal()).isEqualTo(50);
    assertThat(c.codeFailureWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.codeIssuesPerAccount()).isEqualTo(20);
  }

  @Test
  void codeLifeLongerThanTenMinutesIsRefused() {
    assertThatThrownBy(() -> RelayConfig.builder().codeLife(Duration.ofMinutes(11)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("codeLife must be from 1 second to 10 minutes");
  }

  /** A clock tests move by hand. */
  static final class TestClock extends Clock {
    private final AtomicReference<Instant> now;

    TestClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  /** Every code drawn is 424242. */
  static final class SameDigitsRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    @Override
    public int nextInt(int bound) {
      return bound == 1_000_000 ? 424_242 : super.nextInt(bound);
    }
  }

  /** Code draws 123456 | 123456, 123457 | 123456, 123457, 123458: the k-th issue collides k-1 times. */
  static final class CollidingRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private static final int[] DRAWS = {0, 0, 1, 0, 1, 2};
    private final AtomicInteger draws = new AtomicInteger();

    @Override
    public int nextInt(int bound) {
      int n = draws.getAndIncrement();
      return n < DRAWS.length ? 123_456 + DRAWS[n] : super.nextInt(bound);
    }
  }
}
