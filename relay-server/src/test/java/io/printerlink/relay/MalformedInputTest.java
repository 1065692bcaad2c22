package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.ErrorCodes;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** T14: malformed input gets a 4xx JSON error, never a 500 or a stack trace. */
class MalformedInputTest {
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
  void brokenJsonIsBadJson_T14() throws Exception {
    TestRelay.Resp r = t.call("POST", "/api/v1/accounts", null, "{\"username\": ");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(ErrorCodes.BAD_JSON);
  }

  @Test
  void unknownFieldIsRefused_T14() throws Exception {
    TestRelay.Resp r = t.call("POST", "/api/v1/accounts", null,
        "{\"username\":\"carol\",\"password\":\"long enough pw\",\"admin\":true}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(ErrorCodes.UNKNOWN_FIELD);
  }

  @Test
  void wrongTypeIsInvalidField_T14() throws Exception {
    TestRelay.Resp r = t.call("POST", "/api/v1/accounts", null, "{\"username\":42,\"password\":\"long enough pw\"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(ErrorCodes.INVALID_FIELD);
  }

  @Test
  void deepNestingIsBadJson_T14() throws Exception {
    String deep = "{\"username\":" + "[".repeat(50) + "]".repeat(50) + "}";

    TestRelay.Resp r = t.call("POST", "/api/v1/accounts", null, deep);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(ErrorCodes.BAD_JSON);
  }

  @Test
  void bodyOverSixteenKibIsTooLarge_T14() throws Exception {
    String huge = "{\"username\":\"" + "a".repeat(17 * 1024) + "\"}";

    TestRelay.Resp r = t.call("POST", "/api/v1/accounts", null, huge);

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.error()).isEqualTo(ErrorCodes.TOO_LARGE);
  }

  @Test
  void nonJsonContentTypeIsUnsupported_T14() throws Exception {
    TestRelay.Resp r = t.raw(t.http, "POST", "/api/v1/accounts", null, "text/plain", "{}");

    assertThat(r.status()).isEqualTo(415);
    assertThat(r.error()).isEqualTo(ErrorCodes.UNSUPPORTED_MEDIA_TYPE);
  }

  @Test
  void controlCharactersInNamesAreRefused_T14() throws Exception {
    TestRelay.Resp r = t.call("POST", "/api/v1/accounts", null,
        "{\"username\":\"dave\",\"password\":\"long enough pw\",\"displayName\":\"evil\\u202Eevil\"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(ErrorCodes.INVALID_FIELD);
  }

  @Test
  void unknownPathIsNotFound() throws Exception {
    TestRelay.Resp r = t.call("GET", "/api/v1/nothing-here", null, null);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).isEqualTo(ErrorCodes.NOT_FOUND);
  }

  @Test
  void wrongMethodIsNotAllowed() throws Exception {
    TestRelay.Resp r = t.call("PUT", "/api/v1/accounts", null, null);

    assertThat(r.status()).isEqualTo(405);
    assertThat(r.error()).isEqualTo(ErrorCodes.METHOD_NOT_ALLOWED);
  }

  @Test
  void healthzAnswersOk() throws Exception {
    TestRelay.Resp r = t.call("GET", "/healthz", null, null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void serverKeepsServingAfterBadInput_T14() throws Exception {
    for (int i = 0; i < 5; i++) {
      t.call("POST", "/api/v1/link-requests", null, "][");
    }

    assertThat(t.call("GET", "/healthz", null, null).status()).isEqualTo(200);
  }

  @Test
  void malformedHttpIsAJsonErrorToo_T14() throws Exception {
    try (java.net.Socket raw = new java.net.Socket("127.0.0.1", t.relay.port())) {
      raw.getOutputStream().write(("GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      raw.setSoTimeout(5000);
      String answer = new String(raw.getInputStream().readNBytes(2000), java.nio.charset.StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 400");
      assertThat(answer).contains("application/json").contains("\"error\":\"INVALID_FIELD\"").doesNotContain("<html");
    }
  }
}
