package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.api.SignInRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calls that take no body (POST /api/v1/link-codes, DELETE /api/v1/sessions/current, DELETE
 * /api/v1/printers/{id}) accept none or {@code {}}, and refuse any other body as the calls with a
 * body do: 415 for a non-JSON type, 400 UNKNOWN_FIELD for a field, 400 BAD_JSON for broken JSON.
 * A refused body changes nothing.
 */
class BodylessCallsTest {
  @TempDir Path dir;
  TestRelay t;
  String token;

  @BeforeEach
  void start() throws Exception {
    t = TestRelay.start(dir);
    token = TestRelay.token(t.signUp());
  }

  @AfterEach
  void stop() throws Exception {
    t.close();
  }

  private TestRelay.Resp send(String method, String path, String bearer, String contentType, String body) throws Exception {
    return t.raw(t.http, method, path, bearer, contentType, body);
  }

  private void refusesBadBodies(String method, String path, String bearer) throws Exception {
    TestRelay.Resp text = send(method, path, bearer, "text/plain", "x");
    assertThat(text.status()).as(text.body()).isEqualTo(415);
    assertThat(text.error()).isEqualTo(ErrorCodes.UNSUPPORTED_MEDIA_TYPE);
    TestRelay.Resp field = send(method, path, bearer, "application/json", "{\"a\":1}");
    assertThat(field.status()).as(field.body()).isEqualTo(400);
    assertThat(field.error()).isEqualTo(ErrorCodes.UNKNOWN_FIELD);
    TestRelay.Resp broken = send(method, path, bearer, "application/json", "x");
    assertThat(broken.status()).as(broken.body()).isEqualTo(400);
    assertThat(broken.error()).isEqualTo(ErrorCodes.BAD_JSON);
    TestRelay.Resp array = send(method, path, bearer, "application/json", "[]");
    assertThat(array.status()).as(array.body()).isEqualTo(400);
    assertThat(array.body()).contains("\"error\"").doesNotContain("Exception");
    TestRelay.Resp large = send(method, path, bearer, "application/json", "{\"a\":\"" + "x".repeat(20_000) + "\"}");
    assertThat(large.status()).as(large.body()).isEqualTo(413);
  }

  @Test
  void linkCodesTakesNothingOrAnEmptyObject() throws Exception {
    refusesBadBodies("POST", "/api/v1/link-codes", token);
    assertThat(send("POST", "/api/v1/link-codes", token, null, null).status()).as("none of the bad bodies issued a code")
        .isEqualTo(201);
    assertThat(send("POST", "/api/v1/link-codes", token, "application/json", "{}").status()).isEqualTo(200);
    assertThat(send("POST", "/api/v1/link-codes", token, "application/json; charset=utf-8", " { } ").status())
        .isEqualTo(200);
    assertThat(send("POST", "/api/v1/link-codes", token, "text/plain", "").status()).as("an empty body has no type to check")
        .isEqualTo(200);
  }

  @Test
  void signOutTakesNothingOrAnEmptyObject() throws Exception {
    refusesBadBodies("DELETE", "/api/v1/sessions/current", token);
    assertThat(t.call("GET", "/api/v1/printers", token, null).status()).as("still signed in").isEqualTo(200);
    assertThat(send("DELETE", "/api/v1/sessions/current", token, "application/json", "{}").status()).isEqualTo(204);
    String again = TestRelay.token(t.call("POST", "/api/v1/sessions", null,
        new SignInRequest("user1", Secret.fromText(TestRelay.PASSWORD))).as(SessionResponse.class));
    assertThat(send("DELETE", "/api/v1/sessions/current", again, null, null).status()).isEqualTo(204);
  }

  @Test
  void unlinkTakesNothingOrAnEmptyObject() throws Exception {
    refusesBadBodies("DELETE", "/api/v1/printers/prn_nope", token);
    assertThat(send("DELETE", "/api/v1/printers/prn_nope", token, "application/json", "{}").status())
        .as("past the body check: no such printer").isEqualTo(404);
    assertThat(send("DELETE", "/api/v1/printers/prn_nope", token, null, null).status()).isEqualTo(404);
  }
}
