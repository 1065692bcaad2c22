package io.printerlink.protocol.ws;

import io.printerlink.protocol.MessageSet;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.LinkRequestView;
import java.util.Map;

/** The message sets of each WebSocket, by direction. */
public final class Messages {
  public static final String ANNOUNCE = "announce";
  public static final String VERIFIED = "verified";
  public static final String REJECTED = "rejected";
  public static final String TOKEN_STORED = "token-stored";
  public static final String ANNOUNCED = "announced";
  public static final String VERIFY = "verify";
  public static final String TOKEN = "token";
  public static final String ERROR = "error";
  public static final String HELLO = "hello";
  public static final String DISCOVERY = "discovery";
  public static final String LINK_STATE = "link-state";
  public static final String PRINTER = "printer";
  public static final String LINK_CODE = "link-code";

  /** Agent to relay on {@code /agent/v1/discovery}. */
  public static final MessageSet AGENT_TO_RELAY =
      MessageSet.of(
          Map.of(
              ANNOUNCE, Announce.class,
              VERIFIED, LinkRequestRef.class,
              REJECTED, LinkRequestRef.class,
              TOKEN_STORED, LinkRequestRef.class));

  /** Relay to agent on {@code /agent/v1/discovery}. */
  public static final MessageSet RELAY_TO_AGENT =
      MessageSet.of(Map.of(ANNOUNCED, Announced.class, VERIFY, Verify.class, TOKEN, PrinterToken.class, ERROR, WsError.class));

  /** Relay to agent on {@code /agent/v1/printer}. */
  public static final MessageSet RELAY_TO_PRINTER = MessageSet.of(Map.of(HELLO, PrinterHello.class, ERROR, WsError.class));

  /** Relay to client on {@code /client/v1/events}. */
  public static final MessageSet RELAY_TO_CLIENT =
      MessageSet.of(
          Map.of(
              DISCOVERY, DiscoveryResponse.class,
              LINK_STATE, LinkRequestView.class,
              PRINTER, PrinterStatus.class,
              LINK_CODE, LinkCodeEvent.class,
              ERROR, WsError.class));

  private Messages() {}
}
