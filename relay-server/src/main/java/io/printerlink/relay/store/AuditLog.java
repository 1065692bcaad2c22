package io.printerlink.relay.store;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.sql.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The append-only audit log (no update or delete exists). Details never hold secrets. */
public final class AuditLog {
  public static final String SIGN_IN_FAILED = "SIGN_IN_FAILED";
  public static final String LINK_OUTCOME = "LINK_OUTCOME";
  public static final String INSTANCE_ID_REFUSED = "INSTANCE_ID_REFUSED";
  public static final String PRINTER_REVOKED = "PRINTER_REVOKED";
  public static final String ACCOUNT_DISABLED = "ACCOUNT_DISABLED";
  public static final String CROWDED_NETWORK_KEY = "CROWDED_NETWORK_KEY";

  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final int MAX_DETAIL = 500;

  private final Database db;
  private final Clock clock;

  public AuditLog(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public void record(String event, String accountId, String networkKey, String detail) {
    String d = detail == null ? null : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
    try {
      db.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO audit_log (at, event, account_id, network_key, detail) VALUES (?, ?, ?, ?, ?)")) {
          ps.setTimestamp(1, Timestamp.from(clock.instant()));
          ps.setString(2, event);
          ps.setString(3, accountId);
          ps.setString(4, networkKey);
          ps.setString(5, d);
          ps.executeUpdate();
        }
        return null;
      });
    } catch (StoreException e) {
      LOG.error("audit log write failed for event {}", event, e);
    } catch (StoreStoppedException e) {
      LOG.warn("audit event {} not written: the relay is shutting down", event);
    }
  }
}
