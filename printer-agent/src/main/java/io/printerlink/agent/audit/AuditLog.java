package io.printerlink.agent.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's audit trail: one INFO line per security-relevant event (window opened/closed,
 * exchange served/refused, verify result, token stored/wiped). Callers pass only non-secret
 * values (instance ids, peer addresses, link request ids, reasons); never a secret, a proof or a
 * token. Lines go to the {@code printerlink.audit} logger.
 */
public final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger("printerlink.audit");

  private AuditLog() {}

  public static void event(String format, Object... args) {
    LOG.info(format, args);
  }
}
