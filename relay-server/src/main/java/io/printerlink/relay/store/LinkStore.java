package io.printerlink.relay.store;

import io.printerlink.protocol.api.LinkState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Link requests and the printer rows they create. Each method is one transaction, so a printer
 * becomes ACTIVE in the same commit that marks its request LINKED, and a rolled-back link leaves
 * no printer row behind.
 */
public final class LinkStore {
  private final Database db;

  public LinkStore(Database db) {
    this.db = db;
  }

  public void insert(LinkRequestRecord r, Instant now) {
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO link_requests (id, account_id, instance_id, state, reason, printer_id, created_at, updated_at) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, r.id());
        ps.setString(2, r.accountId());
        ps.setString(3, r.instanceId());
        ps.setString(4, r.state().name());
        ps.setString(5, r.reason());
        ps.setString(6, r.printerId());
        ps.setTimestamp(7, Timestamp.from(now));
        ps.setTimestamp(8, Timestamp.from(now));
        ps.executeUpdate();
      }
      return null;
    });
  }

  public void update(LinkRequestRecord r, Instant now) {
    db.inTransaction(c -> {
      updateRequest(c.prepareStatement(UPDATE_SQL), r, now);
      return null;
    });
  }

  /** Moves a request to VERIFIED and inserts its PENDING printer, in one transaction. */
  public void verifiedWithPendingPrinter(LinkRequestRecord r, PrinterRecord p, String tokenHash, Instant now) {
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO printers (id, account_id, name, model, token_hash, state, link_request_id, created_at) "
              + "VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?)")) {
        ps.setString(1, p.id());
        ps.setString(2, p.accountId());
        ps.setString(3, p.name());
        ps.setString(4, p.model());
        ps.setString(5, tokenHash);
        ps.setString(6, r.id());
        ps.setTimestamp(7, Timestamp.from(now));
        ps.executeUpdate();
      }
      updateRequest(c.prepareStatement(UPDATE_SQL), r, now);
      return null;
    });
  }

  /** Activates the PENDING printer and marks the request LINKED, in one transaction. */
  public void linked(LinkRequestRecord r, Instant now) {
    linked(r, null, now);
  }

  /**
   * As {@link #linked(LinkRequestRecord, Instant)}, and in the same transaction revokes
   * {@code replacedPrinterId} (when not null) if it is an ACTIVE printer of the same account (C-16).
   */
  public void linked(LinkRequestRecord r, String replacedPrinterId, Instant now) {
    db.inTransaction(c -> {
      if (replacedPrinterId != null) {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE printers SET state = 'REVOKED' WHERE id = ? AND account_id = ? AND state = 'ACTIVE'")) {
          ps.setString(1, replacedPrinterId);
          ps.setString(2, r.accountId());
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE printers SET state = 'ACTIVE' WHERE id = ? AND state = 'PENDING'")) {
        ps.setString(1, r.printerId());
        if (ps.executeUpdate() != 1) {
          throw new SQLException("pending printer row missing");
        }
      }
      updateRequest(c.prepareStatement(UPDATE_SQL), r, now);
      return null;
    });
  }

  /** Deletes the request's PENDING printer (if any) and records the request's end state. */
  public void rolledBack(LinkRequestRecord r, String pendingPrinterId, Instant now) {
    db.inTransaction(c -> {
      if (pendingPrinterId != null) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM printers WHERE id = ? AND state = 'PENDING'")) {
          ps.setString(1, pendingPrinterId);
          ps.executeUpdate();
        }
      }
      updateRequest(c.prepareStatement(UPDATE_SQL), r, now);
      return null;
    });
  }

  public Optional<LinkRequestRecord> byIdForAccount(String id, String accountId) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, account_id, instance_id, state, reason, printer_id FROM link_requests WHERE id = ? AND account_id = ?")) {
        ps.setString(1, id);
        ps.setString(2, accountId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<LinkRequestRecord>empty();
          }
          return Optional.of(new LinkRequestRecord(rs.getString(1), rs.getString(2), rs.getString(3),
              LinkState.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6)));
        }
      }
    });
  }

  /**
   * Start-up recovery (T12): nothing in memory survived, so every unfinished request fails and
   * every PENDING printer (one whose token was never acknowledged) is deleted.
   */
  public Recovery recoverAfterRestart(String reason, Instant now) {
    return db.inTransaction(c -> {
      List<Unfinished> failed = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, account_id FROM link_requests WHERE state IN " + UNFINISHED + " ORDER BY created_at");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          failed.add(new Unfinished(rs.getString(1), rs.getString(2)));
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE link_requests SET state = 'FAILED', reason = ?, updated_at = ? WHERE state IN " + UNFINISHED)) {
        ps.setString(1, reason);
        ps.setTimestamp(2, Timestamp.from(now));
        ps.executeUpdate();
      }
      int deleted;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM printers WHERE state = 'PENDING'")) {
        deleted = ps.executeUpdate();
      }
      return new Recovery(failed, deleted);
    });
  }

  private static final String UPDATE_SQL =
      "UPDATE link_requests SET state = ?, reason = ?, printer_id = ?, updated_at = ? WHERE id = ?";

  private static void updateRequest(PreparedStatement ps, LinkRequestRecord r, Instant now) throws SQLException {
    try (ps) {
      ps.setString(1, r.state().name());
      ps.setString(2, r.reason());
      ps.setString(3, r.printerId());
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setString(5, r.id());
      if (ps.executeUpdate() != 1) {
        throw new SQLException("link request row missing");
      }
    }
  }

  private static final String UNFINISHED = "('QUEUED', 'DELIVERED', 'VERIFIED')";

  /** A request start-up recovery failed. */
  public record Unfinished(String id, String accountId) {}

  /** What start-up recovery changed. */
  public record Recovery(List<Unfinished> failedRequests, int deletedPendingPrinters) {}
}
