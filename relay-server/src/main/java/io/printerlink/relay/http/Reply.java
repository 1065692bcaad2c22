package io.printerlink.relay.http;

/** What an endpoint answers: a status and a wire record, or no body (204). */
public record Reply(int status, Record body) {
  public static Reply ok(Record body) {
    return new Reply(200, body);
  }

  public static Reply created(Record body) {
    return new Reply(201, body);
  }

  public static Reply accepted(Record body) {
    return new Reply(202, body);
  }

  public static Reply noContent() {
    return new Reply(204, null);
  }
}
