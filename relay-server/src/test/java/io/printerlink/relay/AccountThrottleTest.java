package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.SignInRequest;
import io.printerlink.relay.accounts.AccountLimits;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.function.Consumer;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in and account creation are throttled: failed sign-ins per network key and per username,
 * new accounts per network key; a refusal is 429 RATE_LIMITED with Retry-After. The clients bind
 * to other 127.0.0.0/8 addresses to be other network keys.
 */
class AccountThrottleTest {
  private static final String WRONG = "not the password at all";

  @TempDir Path dir;
  private TestRelay t;
  private HttpClient thirdNetwork;

  private void start(Consumer<RelayConfig.Builder> tweak) throws Exception {
    t = TestRelay.start(dir, tweak);
    thirdNetwork = new HttpClient();
    thirdNetwork.setBindAddress(new InetSocketAddress("127.0.0.3", 0));
    thirdNetwork.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (thirdNetwork != null) {
      thirdNetwork.stop();
    }
    if (t != null) {
      t.close();
    }
  }

  private TestRelay.Resp signIn(HttpClient from, String username, String password) throws Exception {
    return t.call(from, "POST", "/api/v1/sessions", null, new SignInRequest(username, Secret.fromText(password)));
  }

  @Test
  void wrongPasswordsFromOneNetworkAreThrottledButTheUserStillSignsInFromTheirs() throws Exception {
    start(b -> { });
    String victim = t.signUp().username();

    for (int i = 0; i < RelayConfig.DEFAULT_SIGN_IN_FAILURES_PER_KEY; i++) {
      assertThat(signIn(t.otherNetwork, victim, WRONG).status()).isEqualTo(401);
    }
    for (int i = 0; i < 15; i++) {
      TestRelay.Resp refused = signIn(t.otherNetwork, victim, WRONG);
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.error()).isEqualTo(ErrorCodes.RATE_LIMITED);
      assertThat(Long.parseLong(refused.retryAfter())).isBetween(1L, 600L);
    }
    assertThat(signIn(t.otherNetwork, victim, TestRelay.PASSWORD).status())
        .as("the password is not even looked at while the network's count is full").isEqualTo(429);

    assertThat(signIn(t.http, victim, TestRelay.PASSWORD).status()).isEqualTo(201);
    assertThat(signIn(thirdNetwork, victim, TestRelay.PASSWORD).status()).isEqualTo(201);
    try (Connection c = t.db(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MIN(detail) FROM audit_log "
        + "WHERE event = ? AND network_key = (SELECT MIN(network_key) FROM audit_log WHERE event = 'SIGN_IN_FAILED')")) {
      ps.setString(1, AccountLimits.AUDIT_SIGN_IN_THROTTLED);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(16);
        assertThat(rs.getString(2)).isEqualTo(ErrorCodes.RATE_LIMITED + " per network key");
      }
    }
  }

  @Test
  void aSuccessfulSignInDoesNotCountAsAFailure() throws Exception {
    start(b -> b.signInFailuresPerKey(3));
    String user = t.signUp().username();
    assertThat(signIn(t.http, user, WRONG).status()).isEqualTo(401);
    assertThat(signIn(t.http, user, WRONG).status()).isEqualTo(401);
    for (int i = 0; i < 5; i++) {
      assertThat(signIn(t.http, user, TestRelay.PASSWORD).status()).isEqualTo(201);
    }
    assertThat(signIn(t.http, user, WRONG).status()).isEqualTo(401);
    assertThat(signIn(t.http, user, WRONG).status()).isEqualTo(429);
  }

  /** The trade-off (docs/operations.md): failures from several networks together lock the username out for the window. */
  @Test
  void failuresFromSeveralNetworksThrottleTheUsernameEverywhereButNoOtherUser() throws Exception {
    start(b -> b.signInFailuresPerKey(3).signInFailuresPerUsername(5));
    String victim = t.signUp().username();
    String bystander = t.signUp().username();
    for (int i = 0; i < 3; i++) {
      assertThat(signIn(t.otherNetwork, victim, WRONG).status()).isEqualTo(401);
    }
    assertThat(signIn(thirdNetwork, victim, WRONG).status()).isEqualTo(401);
    assertThat(signIn(thirdNetwork, "nobody-" + victim, WRONG).status()).as("other usernames count apart").isEqualTo(401);
    assertThat(signIn(thirdNetwork, victim, WRONG).status()).isEqualTo(401);

    TestRelay.Resp locked = signIn(t.http, victim, TestRelay.PASSWORD);
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.error()).isEqualTo(ErrorCodes.RATE_LIMITED);
    assertThat(locked.retryAfter()).isNotNull();
    assertThat(signIn(t.http, bystander, TestRelay.PASSWORD).status()).isEqualTo(201);
  }

  @Test
  void accountCreationIsThrottledPerNetworkKey() throws Exception {
    start(b -> b.accountsPerKey(RelayConfig.DEFAULT_ACCOUNTS_PER_KEY));
    for (int i = 0; i < 5; i++) {
      assertThat(create(t.http, "quick" + i).status()).isEqualTo(201);
    }
    for (int i = 5; i < 12; i++) {
      TestRelay.Resp refused = create(t.http, "quick" + i);
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.error()).isEqualTo(ErrorCodes.RATE_LIMITED);
      assertThat(Long.parseLong(refused.retryAfter())).isBetween(1L, 3600L);
    }
    assertThat(create(t.otherNetwork, "elsewhere").status()).isEqualTo(201);
  }

  private TestRelay.Resp create(HttpClient from, String username) throws Exception {
    return t.call(from, "POST", "/api/v1/accounts", null,
        new CreateAccountRequest(username, Secret.fromText(TestRelay.PASSWORD), null));
  }
}
