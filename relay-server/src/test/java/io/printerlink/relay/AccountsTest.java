package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.api.SignInRequest;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.ws.Messages;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {
  @TempDir Path dir;
  TestRelay t;

  @BeforeEach
  void start() throws Exception {
    t = TestRelay.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    t.close();
  }

  @Test
  void createAccountSignsIn() throws Exception {
    TestRelay.Resp r = t.call("POST", "/api/v1/accounts", null,
        new CreateAccountRequest("alice", Secret.fromText(TestRelay.PASSWORD), "Alice"));

    assertThat(r.status()).isEqualTo(201);
    SessionResponse s = r.as(SessionResponse.class);
    assertThat(s.accountId()).startsWith("acc_");
    assertThat(s.username()).isEqualTo("alice");
    assertThat(s.displayName()).isEqualTo("Alice");
    assertThat(t.call("GET", "/api/v1/printers", TestRelay.token(s), null).status()).isEqualTo(200);
  }

  @Test
  void duplicateUsernameIsRefused() throws Exception {
    CreateAccountRequest req = new CreateAccountRequest("bob", Secret.fromText(TestRelay.PASSWORD), null);
    assertThat(t.call("POST", "/api/v1/accounts", null, req).status()).isEqualTo(201);

    TestRelay.Resp again = t.call("POST", "/api/v1/accounts", null, req);

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).isEqualTo(ErrorCodes.USERNAME_TAKEN);
  }

  @Test
  void signInWithRightPasswordGivesNewSession() throws Exception {
    SessionResponse created = t.signUp();

    TestRelay.Resp r = t.call("POST", "/api/v1/sessions", null,
        new SignInRequest(created.username(), Secret.fromText(TestRelay.PASSWORD)));

    assertThat(r.status()).isEqualTo(201);
    SessionResponse s = r.as(SessionResponse.class);
    assertThat(s.accountId()).isEqualTo(created.accountId());
    assertThat(TestRelay.token(s)).isNotEqualTo(TestRelay.token(created));
  }

  @Test
  void signInWithWrongPasswordIsRefusedAndAudited() throws Exception {
    SessionResponse created = t.signUp();

    TestRelay.Resp r = t.call("POST", "/api/v1/sessions", null,
        new SignInRequest(created.username(), Secret.fromText("wrong password!")));

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.error()).isEqualTo(ErrorCodes.BAD_CREDENTIALS);
    try (Connection c = t.db();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_log WHERE event = 'SIGN_IN_FAILED' AND account_id = ?")) {
      ps.setString(1, created.accountId());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void signInForUnknownUserIsTheSameRefusal() throws Exception {
    TestRelay.Resp r = t.call("POST", "/api/v1/sessions", null,
        new SignInRequest("nobody", Secret.fromText(TestRelay.PASSWORD)));

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.error()).isEqualTo(ErrorCodes.BAD_CREDENTIALS);
  }

  @Test
  void signOutRevokesTheSessionAtOnce_T16() throws Exception {
    SessionResponse s = t.signUp();
    String token = TestRelay.token(s);

    assertThat(t.call("DELETE", "/api/v1/sessions/current", token, null).status()).isEqualTo(204);

    TestRelay.Resp after = t.call("GET", "/api/v1/discovery", token, null);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.error()).isEqualTo(ErrorCodes.UNAUTHORIZED);
  }

  @Test
  void signOutClosesTheSessionsEventSocket_T16() throws Exception {
    SessionResponse s = t.signUp();
    TestRelay.Socket events = t.connect("/client/v1/events", TestRelay.token(s));
    events.nextOf(Messages.RELAY_TO_CLIENT, Messages.DISCOVERY, DiscoveryResponse.class);

    assertThat(t.call("DELETE", "/api/v1/sessions/current", TestRelay.token(s), null).status()).isEqualTo(204);

    assertThat(events.awaitClose()).isEqualTo(1008);
  }

  @Test
  void requestWithoutTokenIsUnauthorized() throws Exception {
    TestRelay.Resp r = t.call("GET", "/api/v1/printers", null, null);

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.error()).isEqualTo(ErrorCodes.UNAUTHORIZED);
  }

  @Test
  void databaseHoldsOnlyHashesOfSessionsAndPasswords_T13() throws Exception {
    SessionResponse s = t.signUp();

    try (Connection c = t.db()) {
      try (ResultSet rs = c.createStatement().executeQuery("SELECT token_hash FROM sessions")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo(Secrets.sha256Hex(s.token()));
      }
      try (ResultSet rs = c.createStatement().executeQuery("SELECT password_hash FROM accounts")) {
        rs.next();
        assertThat(rs.getString(1)).startsWith("pbkdf2-sha256$1000$").doesNotContain(TestRelay.PASSWORD);
      }
    }
  }
}
