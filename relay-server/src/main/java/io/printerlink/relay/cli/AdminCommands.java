package io.printerlink.relay.cli;

import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.Usernames;
import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.accounts.PasswordHasher;
import io.printerlink.relay.store.Account;
import io.printerlink.relay.store.AccountStore;
import io.printerlink.relay.store.AdminStore;
import io.printerlink.relay.store.AuditLog;
import io.printerlink.relay.store.Database;
import io.printerlink.relay.store.Ids;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The relay's offline admin commands: users, printers, audit, backup. Each opens the database, acts, closes it. */
public final class AdminCommands {
  /** Env variable holding the new user's password for {@code users add} (or use --password-file). */
  public static final String NEW_PASSWORD_ENV = ConfigDefaults.ENV_PREFIX + "NEW_USER_PASSWORD";

  private AdminCommands() {}

  /** Shared plumbing: open the store, run, map refusals to a message and exit code 1. */
  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec;

    /** Whether this command may make the database when there is none yet (only {@code users add}). */
    boolean createsDatabase() {
      return false;
    }

    /** Refuses bad arguments before the database is opened (or made). */
    void check() throws AdminException, IOException {}
    @Mixin ConfigOption config;
    @Mixin StoreOptions store;

    @Override
    public final Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        check();
        Database db = store.open(createsDatabase(), spec.commandLine().getErr());
        try {
          return run(db, out);
        } finally {
          db.stop();
        }
      } catch (AdminException e) {
        spec.commandLine().getErr().println("relay: " + e.getMessage());
        return 1;
      } catch (Exception e) {
        String why = StartFailures.rootMessage(e);
        spec.commandLine().getErr().println("relay: " + spec.qualifiedName() + " failed: " + e.getMessage()
            + (why.equals(e.getMessage()) ? "" : ": " + why));
        return 1;
      }
    }

    abstract int run(Database db, PrintWriter out) throws Exception;
  }

  @Command(name = "users", mixinStandardHelpOptions = true, description = "Manage accounts.",
      subcommands = {UsersAdd.class, UsersList.class, UsersDisable.class})
  public static final class Users {}

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Create an account. Password from --password-file or env " + NEW_PASSWORD_ENV + ".")
  static final class UsersAdd extends Base {
    @Parameters(index = "0", paramLabel = "USERNAME") String username;
    @Option(names = "--display-name", paramLabel = "NAME", description = "Name shown to the user (default: the username).")
    String displayName;
    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the password (first line).")
    Path passwordFile;

    /** As {@code CreateAccountRequest.displayName}'s {@code @MaxLength}. */
    private static final int MAX_DISPLAY_NAME = 100;

    @Override
    boolean createsDatabase() {
      return true;
    }

    @Override
    void check() throws AdminException, IOException {
      try {
        Usernames.check(username);
      } catch (IllegalArgumentException e) {
        throw new AdminException("invalid username: " + e.getMessage());
      }
      // The same rules as POST /api/v1/accounts: a name the API would refuse makes an account the
      // app cannot read back at sign-in.
      if (displayName != null && (displayName.isBlank() || displayName.length() > MAX_DISPLAY_NAME
          || !io.printerlink.protocol.Json.isCleanText(displayName))) {
        throw new AdminException("invalid --display-name: 1 to " + MAX_DISPLAY_NAME
            + " characters, no control or direction-override characters");
      }
      password().destroy();
    }

    @Override
    int run(Database db, PrintWriter out) throws Exception {
      Secret password = password();
      try {
        SecureRandom random = new SecureRandom();
        String hash = new PasswordHasher(RelayConfig.DEFAULT_PASSWORD_ITERATIONS, random).hash(password);
        Account account = new Account(new Ids(random).next(Ids.ACCOUNT), username,
            displayName != null ? displayName : username);
        if (new AccountStore(db).create(account, hash, Clock.systemUTC().instant()).isEmpty()) {
          throw new AdminException("username '" + username + "' is taken");
        }
        out.println("created account " + account.id() + " (" + username + ")");
        return 0;
      } finally {
        password.destroy();
      }
    }

    private Secret password() throws AdminException, IOException {
      if (passwordFile != null) {
        try {
          return checked(SecretFiles.firstLine(passwordFile, "--password-file"));
        } catch (IllegalArgumentException e) {
          throw new AdminException(e.getMessage());
        }
      }
      String env = Optional.ofNullable(System.getenv(NEW_PASSWORD_ENV)).orElse("");
      if (env.isEmpty()) {
        throw new AdminException("give the password with --password-file FILE or env " + NEW_PASSWORD_ENV);
      }
      return checked(Secret.fromText(env));
    }

    private static Secret checked(Secret s) throws AdminException {
      if (s.length() < 8) {
        s.destroy();
        throw new AdminException("the password must be at least 8 characters");
      }
      return s;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts.")
  static final class UsersList extends Base {
    @Override
    int run(Database db, PrintWriter out) {
      out.printf("%-26s %-24s %-9s %s%n", "ID", "USERNAME", "STATE", "CREATED");
      for (AdminStore.UserRow u : new AdminStore(db).users()) {
        out.printf("%-26s %-24s %-9s %s%n", u.id(), u.username(), u.disabled() ? "disabled" : "active", u.createdAt());
      }
      return 0;
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disable an account: it cannot sign in, and its sessions are revoked.")
  static final class UsersDisable extends Base {
    @Parameters(index = "0", paramLabel = "USERNAME") String username;

    @Override
    int run(Database db, PrintWriter out) throws AdminException {
      if (!new AdminStore(db).disableUser(username)) {
        throw new AdminException("no enabled account named '" + username + "'");
      }
      new AuditLog(db, Clock.systemUTC()).record(AuditLog.ACCOUNT_DISABLED, null, null, "by admin: " + username);
      out.println("disabled " + username + " and revoked its sessions");
      return 0;
    }
  }

  @Command(name = "printers", mixinStandardHelpOptions = true, description = "Manage linked printers.",
      subcommands = {PrintersList.class, PrintersRevoke.class})
  public static final class Printers {}

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List printers of every account.")
  static final class PrintersList extends Base {
    @Override
    int run(Database db, PrintWriter out) {
      out.printf("%-26s %-20s %-8s %-24s %s%n", "ID", "ACCOUNT", "STATE", "NAME", "MODEL");
      for (AdminStore.PrinterRow p : new AdminStore(db).printers()) {
        out.printf("%-26s %-20s %-8s %-24s %s%n", p.id(), p.username(), p.state(), p.name(), p.model());
      }
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a printer's token: its agent is refused (401) and returns to discovery.")
  static final class PrintersRevoke extends Base {
    @Parameters(index = "0", paramLabel = "PRINTER_ID") String printerId;

    @Override
    int run(Database db, PrintWriter out) throws AdminException {
      if (!new AdminStore(db).revokePrinter(printerId)) {
        throw new AdminException("no active printer with id '" + printerId + "'");
      }
      new AuditLog(db, Clock.systemUTC()).record(AuditLog.PRINTER_REVOKED, null, null, "by admin: " + printerId);
      out.println("revoked " + printerId);
      return 0;
    }
  }

  @Command(name = "audit", mixinStandardHelpOptions = true, description = "Read the audit log.",
      subcommands = {AuditTail.class})
  public static final class Audit {}

  @Command(name = "tail", mixinStandardHelpOptions = true, description = "The last audit entries, oldest first.")
  static final class AuditTail extends Base {
    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "50", description = "How many (1-10000). Default: ${DEFAULT-VALUE}")
    int lines;

    @Override
    int run(Database db, PrintWriter out) throws AdminException {
      if (lines < 1 || lines > 10_000) {
        throw new AdminException("--lines must be from 1 to 10000");
      }
      java.util.List<AdminStore.AuditRow> rows = new AdminStore(db).auditTail(lines);
      if (rows.isEmpty()) {
        // On stderr, so a script reading the entries from stdout still gets none.
        spec.commandLine().getErr().println("relay: no audit entries yet");
      }
      for (AdminStore.AuditRow a : rows) {
        out.println(a.at() + " " + a.event() + " account=" + dash(a.accountId()) + " key=" + dash(a.networkKey())
            + (a.detail() == null ? "" : " " + a.detail()));
      }
      return 0;
    }

    private static String dash(String s) {
      return s == null ? "-" : s;
    }
  }

  @Command(name = "backup", mixinStandardHelpOptions = true,
      description = "H2 online backup of the database into a new zip file (restore: unzip into the data folder).")
  public static final class Backup extends Base {
    @Option(names = "--to", paramLabel = "FILE", required = true, description = "The zip file to write (must not exist).")
    Path to;

    @Override
    int run(Database db, PrintWriter out) throws Exception {
      if (Files.exists(to)) {
        throw new AdminException(to + " exists; give a new file name");
      }
      db.backupTo(to);
      out.println("backup written to " + to.toAbsolutePath().normalize() + " (" + Files.size(to) + " bytes)");
      return 0;
    }
  }
}
