package io.printerlink.protocol;

/** A parsed WebSocket message: its {@code type} and its body. */
public record Message(String type, Record body) {
  public <T extends Record> T as(Class<T> cls) {
    return cls.cast(body);
  }
}
