package io.printerlink.protocol;

import java.time.Duration;

/** Protocol-wide limits from PROTOCOL.md, declared once. Programs may make some configurable. */
public final class Limits {
  public static final int PROTOCOL_VERSION = 1;
  /** Largest JSON body or WebSocket text message accepted. */
  public static final int MAX_BODY_BYTES = 16 * 1024;
  /** Default cap on any JSON string. */
  public static final int MAX_STRING = 253;
  /** Deepest JSON nesting accepted. */
  public static final int MAX_DEPTH = 8;
  /** Longest discovery window. */
  public static final Duration DISCOVERY_WINDOW = Duration.ofMinutes(10);
  public static final Duration HEARTBEAT = Duration.ofSeconds(5);
  public static final Duration PRESENCE_EXPIRY = Duration.ofSeconds(15);
  /** A link request the agent never answers ends EXPIRED after this. */
  public static final Duration LINK_REQUEST_EXPIRY = Duration.ofSeconds(30);
  /** The agent must acknowledge the printer token within this. */
  public static final Duration TOKEN_ACK_TIMEOUT = Duration.ofSeconds(10);
  /** Failed exchange attempts that close a window. */
  public static final int MAX_EXCHANGE_FAILURES = 10;
  /** Client nonce size in bytes (at least 16). */
  public static final int NONCE_BYTES = 16;
  /** Client connect timeout to the agent's private address. */
  public static final Duration LAN_CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private Limits() {}
}
