package io.printerlink.relay.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What an operator reads and changes from the command line: accounts, printers, the audit log. */
public final class AdminStore {
  /** One account as the operator sees it. */
  public record UserRow(String id, String username, String displayName, boolean disabled, Instant createdAt) {}

  /** One printer with its owner's username. */
  public record PrinterRow(String id, String username, String name, String model, String state, Instant createdAt) {}

  /** One audit entry. */
  public record AuditRow(long id, Instant at, String event, String accountId, String networkKey, String detail) {}

  private final Database db;

  public AdminStore(Database db) {
    this.db = db;
  }

  public List<UserRow> users() {
    return db.inTransaction(c -> {
      List<UserRow> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, username, display_name, disabled, created_at FROM accounts ORDER BY created_at, id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new UserRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
              rs.getTimestamp(5).toInstant()));
        }
      }
      return out;
    });
  }

  /** Disables the account and revokes all its sessions; false when there is no such enabled account. */
  public boolean disableUser(String username) {
    return db.inTransaction(c -> {
      String id;
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM accounts WHERE username = ? AND disabled = FALSE")) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
          id = rs.getString(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET disabled = TRUE WHERE id = ?")) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET revoked = TRUE WHERE account_id = ?")) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
      return true;
    });
  }

  public List<PrinterRow> printers() {
    return db.inTransaction(c -> {
      List<PrinterRow> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT p.id, a.username, p.name, p.model, p.state, p.created_at FROM printers p "
              + "JOIN accounts a ON a.id = p.account_id ORDER BY p.created_at, p.id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new PrinterRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getTimestamp(6).toInstant()));
        }
      }
      return out;
    });
  }

  /** Revokes an ACTIVE printer by id, whoever owns it; false when there is none. */
  public boolean revokePrinter(String printerId) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE printers SET state = 'REVOKED' WHERE id = ? AND state = 'ACTIVE'")) {
        ps.setString(1, printerId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /** The last {@code limit} audit entries, oldest first. */
  public List<AuditRow> auditTail(int limit) {
    return db.inTransaction(c -> {
      List<AuditRow> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, at, event, account_id, network_key, detail FROM "
              + "(SELECT * FROM audit_log ORDER BY id DESC LIMIT ?) t ORDER BY id")) {
        ps.setInt(1, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Timestamp at = rs.getTimestamp(2);
            out.add(new AuditRow(rs.getLong(1), at.toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6)));
          }
        }
      }
      return out;
    });
  }
}
