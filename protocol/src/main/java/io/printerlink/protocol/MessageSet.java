package io.printerlink.protocol;

import java.util.Map;

/** The message types one side of a WebSocket accepts, by their {@code type} string. */
public final class MessageSet {
  private final Map<String, Class<? extends Record>> byType;

  private MessageSet(Map<String, Class<? extends Record>> byType) {
    this.byType = Map.copyOf(byType);
  }

  public static MessageSet of(Map<String, Class<? extends Record>> byType) {
    return new MessageSet(byType);
  }

  public Class<? extends Record> classOf(String type) {
    return byType.get(type);
  }

  /** Encodes {@code body} as a message of {@code type}, which must belong to this set. */
  public String encode(String type, Record body) {
    Class<? extends Record> cls = byType.get(type);
    if (cls == null || cls != body.getClass()) {
      throw new IllegalArgumentException("not a '" + type + "' message of this set: " + body.getClass().getSimpleName());
    }
    return Json.writeMessage(type, body);
  }
}
