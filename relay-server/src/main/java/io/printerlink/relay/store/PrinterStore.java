package io.printerlink.relay.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Printers as their owners and their agents see them. Token hashes only. */
public final class PrinterStore {
  private static final String COLUMNS = "id, account_id, name, model, state, link_request_id, created_at";

  private final Database db;

  public PrinterStore(Database db) {
    this.db = db;
  }

  /** The ACTIVE printer holding this token hash. */
  public Optional<PrinterRecord> activeByTokenHash(String tokenHash) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM printers WHERE token_hash = ? AND state = 'ACTIVE'")) {
        ps.setString(1, tokenHash);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.<PrinterRecord>empty();
        }
      }
    });
  }

  public Optional<PrinterRecord> byId(String printerId) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM printers WHERE id = ?")) {
        ps.setString(1, printerId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.<PrinterRecord>empty();
        }
      }
    });
  }

  public List<PrinterRecord> activeOf(String accountId) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM printers WHERE account_id = ? AND state = 'ACTIVE' ORDER BY created_at, id")) {
        ps.setString(1, accountId);
        List<PrinterRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(read(rs));
          }
        }
        return out;
      }
    });
  }

  /** Revokes an ACTIVE printer of this account; false when there is none. */
  public boolean revoke(String accountId, String printerId) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE printers SET state = 'REVOKED' WHERE id = ? AND account_id = ? AND state = 'ACTIVE'")) {
        ps.setString(1, printerId);
        ps.setString(2, accountId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /** Renames an ACTIVE printer of this account; empty when there is none. */
  public Optional<PrinterRecord> rename(String accountId, String printerId, String name) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE printers SET name = ? WHERE id = ? AND account_id = ? AND state = 'ACTIVE'")) {
        ps.setString(1, name);
        ps.setString(2, printerId);
        ps.setString(3, accountId);
        if (ps.executeUpdate() != 1) {
          return Optional.<PrinterRecord>empty();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM printers WHERE id = ?")) {
        ps.setString(1, printerId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return Optional.of(read(rs));
        }
      }
    });
  }

  static PrinterRecord read(ResultSet rs) throws SQLException {
    return new PrinterRecord(
        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        rs.getTimestamp(7).toInstant());
  }
}
