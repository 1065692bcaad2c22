package io.printerlink.security;

import static io.printerlink.security.RelayFixture.HOME;
import static io.printerlink.security.RelayFixture.OUTSIDER;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.WsError;
import io.printerlink.protocol.Secret;
import io.printerlink.security.RelayFixture.Resp;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * T14: malformed input to every relay endpoint, HTTP and WebSocket: bad JSON, huge bodies, wrong
 * types, deep nesting, unicode tricks, overlong hostnames, markup in names. Each gets a 4xx JSON
 * error with the exact code (or a WebSocket {@code error} message), never a 500 or a stack trace,
 * and the relay logs no ERROR and keeps serving. Clients connect from 127.0.0.1 and 127.0.0.2.
 */
class T14MalformedInputTest {
  static final String[] BODY_ENDPOINTS = {"/api/v1/accounts", "/api/v1/sessions", "/api/v1/link-requests"};

  @TempDir Path dir;
  RelayFixture f;
  SessionResponse user;

  @BeforeEach
  void start() throws Exception {
    f = RelayFixture.start(dir);
    user = f.signUp(HOME);
  }

  @AfterEach
  void stop() {
    try {
      assertThat(f.logs.errorsAndStackTraces()).as("ERROR lines or stack traces in the relay log").isEmpty();
      assertThat(f.call(HOME, "GET", "/healthz", null, null).status()).as("still serving").isEqualTo(200);
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      f.close();
    }
  }

  static Stream<Arguments> badBodies() {
    String deep = "{\"username\":" + "[".repeat(40) + "]".repeat(40) + "}";
    String huge = "{\"username\":\"" + "a".repeat(17 * 1024) + "\"}";
    String[][] cases = {
        {"truncated JSON", "{\"username\": ", "400", ErrorCodes.BAD_JSON},
        {"not JSON at all", "<xml/>", "400", ErrorCodes.BAD_JSON},
        {"an array, not an object", "[1,2,3]", "400", ErrorCodes.INVALID_FIELD},
        {"empty body", "", "400", ErrorCodes.BAD_JSON},
        {"trailing garbage", "{} {}", "400", ErrorCodes.BAD_JSON},
        {"duplicate keys", "{\"username\":\"a\",\"username\":\"b\"}", "400", ErrorCodes.BAD_JSON},
        {"deep nesting", deep, "400", ErrorCodes.BAD_JSON},
        {"body over 16 KiB", huge, "413", ErrorCodes.TOO_LARGE},
        {"unknown field", "{\"admin\":true}", "400", ErrorCodes.UNKNOWN_FIELD},
    };
    Stream.Builder<Arguments> out = Stream.builder();
    for (String endpoint : BODY_ENDPOINTS) {
      for (String[] c : cases) {
        out.add(Arguments.of(endpoint, c[0], c[1], Integer.parseInt(c[2]), c[3]));
      }
    }
    return out.build();
  }

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        Arguments.of("/api/v1/accounts", "{\"username\":42,\"password\":\"long enough pw\"}"),
        Arguments.of("/api/v1/sessions", "{\"username\":\"user1\",\"password\":[\"pw\"]}"),
        Arguments.of("/api/v1/link-requests", "{\"instanceId\":{},\"nonce\":1,\"proof\":false}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongTypes")
  void wrongTypesAreInvalidField_T14(String endpoint, String body) throws Exception {
    Resp r = f.raw(HOME, "POST", endpoint, RelayFixture.token(user), "application/json", body);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(ErrorCodes.INVALID_FIELD);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badBodies")
  void badBodiesGetTheExactJsonError_T14(String endpoint, String what, String body, int status, String code)
      throws Exception {
    Resp r = f.raw(HOME, "POST", endpoint, RelayFixture.token(user), "application/json", body);

    assertThat(r.status()).as(what).isEqualTo(status);
    assertThat(r.error()).as(what).isEqualTo(code);
  }

  static Stream<Arguments> unicodeTricks() {
    return Stream.of(
        Arguments.of("right-to-left override", "evil\\u202Egnp.exe"),
        Arguments.of("left-to-right isolate", "a\\u2066b"),
        Arguments.of("NUL", "nul\\u0000name"),
        Arguments.of("escape character", "ansi\\u001B[31mred"),
        Arguments.of("C1 control", "next\\u0085line"),
        Arguments.of("byte-order mark", "\\uFEFFname"),
        Arguments.of("lone high surrogate", "half\\uD800"),
        Arguments.of("lone low surrogate", "half\\uDC00x"));
  }

  /** The strict parser refuses a lone surrogate escape as malformed JSON (BAD_JSON) before any field check. */
  static boolean surrogate(String what) {
    return what.contains("surrogate");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unicodeTricks")
  void unicodeTricksInNamesAreRefused_T14(String what, String escapedName) throws Exception {
    String body = "{\"username\":\"trick\",\"password\":\"long enough pw\",\"displayName\":\"" + escapedName + "\"}";

    Resp r = f.raw(OUTSIDER, "POST", "/api/v1/accounts", null, "application/json", body);

    assertThat(r.status()).as(what).isEqualTo(400);
    assertThat(r.error()).as(what).isEqualTo(surrogate(what) ? ErrorCodes.BAD_JSON : ErrorCodes.INVALID_FIELD);
  }

  @Test
  void overlongNameIsRefused_T14() throws Exception {
    Resp r = f.call(OUTSIDER, "POST", "/api/v1/accounts", null,
        "{\"username\":\"longname\",\"password\":\"long enough pw\",\"displayName\":\"" + "n".repeat(300) + "\"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(ErrorCodes.INVALID_FIELD);
  }

  @Test
  void markupInADisplayNameIsKeptAsTextAndServedAsJson_T14() throws Exception {
    String markup = "<script>alert(1)</script>";

    Resp r = f.call(OUTSIDER, "POST", "/api/v1/accounts", null,
        new CreateAccountRequest("markup", Secret.fromText(RelayFixture.PASSWORD), markup));

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.as(SessionResponse.class).displayName()).isEqualTo(markup);
  }

  @Test
  void nonJsonContentTypeIsUnsupportedOnEveryBodyEndpoint_T14() throws Exception {
    for (String endpoint : BODY_ENDPOINTS) {
      Resp r = f.raw(HOME, "POST", endpoint, RelayFixture.token(user), "text/html", "{}");

      assertThat(r.status()).as(endpoint).isEqualTo(415);
      assertThat(r.error()).as(endpoint).isEqualTo(ErrorCodes.UNSUPPORTED_MEDIA_TYPE);
    }
  }

  @Test
  void pathParametersThatAreTooLongOrOddGetAJsonClientError_T14() throws Exception {
    for (String path : new String[] {"/api/v1/link-requests/" + "x".repeat(65), "/api/v1/printers/%00",
        "/api/v1/link-requests/..%2F..%2Fhealthz", "/api/v1/printers/%E2%80%AEevil", "/api/v1/printers/%zz"}) {
      for (String method : new String[] {"GET", "DELETE"}) {
        String answer = f.rawHttp(HOME, method + " " + path + " HTTP/1.1\r\nHost: relay\r\nAuthorization: Bearer "
            + RelayFixture.token(user) + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).as(method + " " + path).matches("(?s)HTTP/1.1 4\\d\\d .*")
            .contains("application/json").contains("\"error\":").doesNotContain("Exception").doesNotContain("<html");
      }
    }
  }

  /** Found by {@link T14SeededFuzzTest}: Jetty's 505 for these became the relay's 500 INTERNAL. */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"HTTP/9.9", "HTTP/0.9", "HTTP/1."})
  void unknownHttpVersionIsAJsonBadRequestNotAServerError_T14(String version) throws Exception {
    String answer = f.rawHttp(OUTSIDER, "GET /healthz " + version + "\r\nHost: relay\r\nConnection: close\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 400 ").contains("application/json")
        .contains("\"error\":\"" + ErrorCodes.INVALID_FIELD + "\"").doesNotContain(ErrorCodes.INTERNAL);
  }

  @Test
  void malformedAuthorizationHeadersAreUnauthorized_T14() throws Exception {
    for (String auth : new String[] {"Bearer", "Bearer " + "x".repeat(5000), "Basic dXNlcjpwdw==", "Bearer a b c",
        "Bearer <script>"}) {
      Resp r = f.raw(HOME, "GET", "/api/v1/printers", null, null, null, "Authorization", auth);

      assertThat(r.status()).as(auth).isEqualTo(401);
      assertThat(r.error()).as(auth).isEqualTo(ErrorCodes.UNAUTHORIZED);
    }
  }

  @Test
  void oversizedHeadersGetAJsonTooLarge_T14() throws Exception {
    String answer = f.rawHttp(HOME, "GET /api/v1/printers HTTP/1.1\r\nHost: relay\r\nX-Padding: " + "p".repeat(20_000)
        + "\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 431").contains("\"error\":\"TOO_LARGE\"");
  }

  // ---- WebSockets ----

  static Stream<Arguments> badAgentMessages() {
    String announce = Json.writeMessage(Messages.ANNOUNCE, RelayFixture.announce(RelayFixture.newInstanceId(), null));
    return Stream.of(
        Arguments.of("truncated JSON", "{\"type\":\"announce\",", ErrorCodes.BAD_JSON),
        Arguments.of("not an object", "[\"announce\"]", ErrorCodes.BAD_JSON),
        Arguments.of("deep nesting", "{\"type\":\"announce\",\"x\":" + "[".repeat(40) + "]".repeat(40) + "}",
            ErrorCodes.BAD_JSON),
        Arguments.of("unknown type", "{\"type\":\"become-admin\"}", ErrorCodes.INVALID_FIELD),
        Arguments.of("unknown field", announce.replace("{\"type\"", "{\"admin\":true,\"type\""), ErrorCodes.UNKNOWN_FIELD),
        Arguments.of("wrong type", announce.replace("\"port\":8765", "\"port\":\"8765\""), ErrorCodes.INVALID_FIELD),
        Arguments.of("port out of range", announce.replace("\"port\":8765", "\"port\":70000"), ErrorCodes.INVALID_FIELD),
        Arguments.of("overlong hostname", announce.replace("\"octopi\"", "\"" + "h".repeat(254) + "\""),
            ErrorCodes.INVALID_FIELD),
        Arguments.of("bidi override in hostname", announce.replace("\"octopi\"", "\"octo\\u202Epi\""),
            ErrorCodes.INVALID_FIELD),
        Arguments.of("public privateIp", announce.replace("192.168.1.50", "8.8.8.8"), ErrorCodes.INVALID_FIELD),
        Arguments.of("hostname as privateIp", announce.replace("192.168.1.50", "printer.local"), ErrorCodes.INVALID_FIELD));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badAgentMessages")
  void badAgentMessagesGetAnErrorAndTheSocketKeepsServing_T14(String what, String text, String code) throws Exception {
    RelayFixture.Socket agent = f.connect(OUTSIDER, "/agent/v1/discovery", null);

    agent.sendText(text);

    assertThat(agent.nextOf(Messages.RELAY_TO_AGENT, Messages.ERROR, WsError.class).error()).as(what).isEqualTo(code);
    agent.send(Messages.ANNOUNCE, RelayFixture.announce(RelayFixture.newInstanceId(), null));
    assertThat(agent.next(Messages.RELAY_TO_AGENT).type()).as("a good announce after the bad one")
        .isEqualTo(Messages.ANNOUNCED);
  }

  @Test
  void markupInAnAnnouncedHostnameIsListedVerbatimAsJsonText_T14() throws Exception {
    String markup = "<img src=x onerror=alert(1)>";
    RelayFixture.Socket agent = f.connect(HOME, "/agent/v1/discovery", null);
    agent.sendText(Json.writeMessage(Messages.ANNOUNCE, RelayFixture.announce(RelayFixture.newInstanceId(), null))
        .replace("\"octopi\"", Json.write(markup)));
    agent.nextOf(Messages.RELAY_TO_AGENT, Messages.ANNOUNCED, io.printerlink.protocol.ws.Announced.class);

    Resp r = f.call(HOME, "GET", "/api/v1/discovery", RelayFixture.token(user), null);

    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.as(DiscoveryResponse.class).printers().get(0).hostname()).isEqualTo(markup);
  }

  @Test
  void oversizeWebSocketMessageClosesWithMessageTooBig_T14() throws Exception {
    RelayFixture.Socket agent = f.connect(OUTSIDER, "/agent/v1/discovery", null);

    agent.sendText("{\"type\":\"announce\",\"hostname\":\"" + "x".repeat(17 * 1024) + "\"}");

    assertThat(agent.awaitClose()).isEqualTo(StatusCode.MESSAGE_TOO_LARGE);
  }

  @Test
  void binaryFramesCloseTheSocketWithBadData_T14() throws Exception {
    RelayFixture.Socket agent = f.connect(OUTSIDER, "/agent/v1/discovery", null);

    agent.getSession().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), Callback.NOOP);

    assertThat(agent.awaitClose()).isEqualTo(StatusCode.BAD_DATA);
  }

  @Test
  void textOnTheEventsSocketGetsAnError_T14() throws Exception {
    RelayFixture.Socket events = f.connect(HOME, "/client/v1/events", RelayFixture.token(user));

    events.sendText("{\"type\":\"discovery\"}");

    assertThat(events.nextOf(Messages.RELAY_TO_CLIENT, Messages.ERROR, WsError.class).error())
        .isEqualTo(ErrorCodes.INVALID_FIELD);
  }

  @Test
  void upgradeToAnUnknownSocketPathIsAJsonNotFound_T14() throws Exception {
    assertThat(f.upgradeStatus(OUTSIDER, "/agent/v1/nothing", null)).hasValue(404);
  }
}
