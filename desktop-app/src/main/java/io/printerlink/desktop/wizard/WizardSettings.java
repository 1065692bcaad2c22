package io.printerlink.desktop.wizard;

import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the wizard remembers between runs, in the user's config folder (by default
 * {@code ~/.printerlink/}, made 0700): the relay choice and account in {@code wizard.properties},
 * and the session token alone in {@code session-token}, mode 0600, replaced atomically.
 * Nothing else secret is stored: never a password.
 */
public final class WizardSettings {
  private static final Logger LOG = LoggerFactory.getLogger(WizardSettings.class);
  static final String SETTINGS_FILE = "wizard.properties";
  static final String TOKEN_FILE = "session-token";
  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

  /** The remembered choice; {@code relayUrl}, {@code username}, {@code accountId} may be empty. */
  public record Saved(boolean embedded, String relayUrl, String username, String accountId) {
    public static final Saved FIRST_RUN = new Saved(true, "", "", "");

    public Saved {
      relayUrl = relayUrl == null ? "" : relayUrl;
      username = username == null ? "" : username;
      accountId = accountId == null ? "" : accountId;
    }
  }

  private final Path folder;

  /** @param folder the config folder (made on first save) */
  public WizardSettings(Path folder) {
    if (folder == null) {
      throw new IllegalArgumentException("folder is required");
    }
    this.folder = folder;
  }

  /** {@code ~/.printerlink}. */
  public static Path defaultFolder() {
    return Path.of(System.getProperty("user.home"), ".printerlink");
  }

  public Path folder() {
    return folder;
  }

  /** The remembered choice, or {@link Saved#FIRST_RUN} when there is none or it is unreadable. */
  public Saved load() {
    Path file = folder.resolve(SETTINGS_FILE);
    if (!Files.isRegularFile(file)) {
      return Saved.FIRST_RUN;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Ignoring unreadable settings in {}: {}", file, e.toString());
      return Saved.FIRST_RUN;
    }
    return new Saved(
        !"remote".equals(p.getProperty("relay")), p.getProperty("relayUrl"), p.getProperty("username"), p.getProperty("accountId"));
  }

  public void save(Saved saved) throws IOException {
    Properties p = new Properties();
    p.setProperty("relay", saved.embedded() ? "embedded" : "remote");
    p.setProperty("relayUrl", saved.relayUrl());
    p.setProperty("username", saved.username());
    p.setProperty("accountId", saved.accountId());
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    p.store(bytes, "PrinterLink wizard");
    write(SETTINGS_FILE, bytes.toByteArray());
  }

  /** The remembered session token, if any. The caller owns (and destroys) it. */
  public Optional<Secret> loadToken() {
    Path file = folder.resolve(TOKEN_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      try {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
          end--;
        }
        return end == 0 ? Optional.empty() : Optional.of(Secret.copyOf(Arrays.copyOf(bytes, end)));
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    } catch (IOException e) {
      LOG.warn("Cannot read the saved session in {}: {}", folder, e.toString());
      return Optional.empty();
    }
  }

  /** Remembers the session token (file mode 0600, atomic replace). */
  public void saveToken(Secret token) throws IOException {
    byte[] bytes = token.bytes(SecretAccess.REVEAL);
    try {
      write(TOKEN_FILE, bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  public void forgetToken() {
    try {
      Files.deleteIfExists(folder.resolve(TOKEN_FILE));
    } catch (IOException e) {
      LOG.warn("Cannot delete the saved session in {}: {}", folder, e.toString());
    }
  }

  private void write(String name, byte[] content) throws IOException {
    boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(folder)) {
      try {
        Files.createDirectories(folder, posix ? attrs(DIR_MODE) : new FileAttribute<?>[0]);
      } catch (FileAlreadyExistsException e) {
        // a race with another run: fine
      }
    }
    if (posix && !Files.getPosixFilePermissions(folder).equals(DIR_MODE)) {
      // made earlier by someone else (the demo relay's data folder lives inside): only the user may look in
      Files.setPosixFilePermissions(folder, DIR_MODE);
    }
    Path tmp = posix ? Files.createTempFile(folder, name, ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE))
        : Files.createTempFile(folder, name, ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write(content);
      }
      try {
        Files.move(tmp, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static FileAttribute<?>[] attrs(Set<PosixFilePermission> mode) {
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)};
  }

  @Override
  public String toString() {
    return "WizardSettings[" + folder + "]";
  }
}
