package io.printerlink.agent.state;

import io.printerlink.agent.audit.AuditLog;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.FileProblems;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's state folder: {@code printer-token} (the bearer token, POSIX mode 0600, created
 * with that mode, never chmod-ed afterwards) and {@code link.json} (printer id, account id and
 * name; not secret). Each file is written to a temporary file in the same folder, forced to disk
 * and moved over the old one atomically, so a crash leaves the old file or the new one, never a
 * half-written one. {@code link.json} is written first: the token file is the commit point.
 */
public final class TokenStore {
  public static final String TOKEN_FILE = "printer-token";
  public static final String LINK_FILE = "link.json";
  /** Largest token file read back (a token is 43 characters). */
  static final int MAX_TOKEN_FILE_BYTES = 256;

  private static final Logger LOG = LoggerFactory.getLogger(TokenStore.class);
  private static final Pattern TOKEN_SHAPE = Pattern.compile("^[A-Za-z0-9_-]{16,128}$");
  private static final Set<PosixFilePermission> OWNER_RW =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> OWNER_RWX =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

  /** Where {@link #setAside()} moves the token a relay refused, and its link info. */
  public static final String SET_ASIDE_SUFFIX = ".refused";

  private final Path dir;
  private final URI relay;

  /** A store that does not record which relay issued its token. */
  public TokenStore(Path dir) {
    this(dir, null);
  }

  /** A store for tokens issued through {@code relay}: saved links record it. */
  public TokenStore(Path dir, URI relay) {
    this.dir = dir.toAbsolutePath();
    this.relay = relay;
  }

  public Path directory() {
    return dir;
  }

  public Path tokenFile() {
    return dir.resolve(TOKEN_FILE);
  }

  /**
   * Makes the folder if missing (0700) and proves a file can be written in it, so an agent whose
   * {@code --state-dir} is unusable refuses to start instead of announcing itself and failing the
   * user's link at the very end, when the token cannot be stored.
   *
   * @throws IOException naming the folder and the reason
   */
  public void checkUsable() throws IOException {
    try {
      ensureDir();
      Path probe = isPosix()
          ? Files.createTempFile(dir, ".write-check-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_RW))
          : Files.createTempFile(dir, ".write-check-", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new IOException("cannot use the state folder " + dir + ": " + FileProblems.reason(e), e);
    }
  }

  /** Stores the token and its link info, replacing any previous ones atomically. */
  public void save(StoredLink link) throws IOException {
    ensureDir();
    if (link.info().isPresent()) {
      LinkInfo info = link.info().get();
      if (relay != null && info.relay() == null) {
        info = info.withRelay(relay.toString());
      }
      writeAtomically(LINK_FILE, Json.write(info).getBytes(StandardCharsets.UTF_8));
    }
    byte[] token = link.token().bytes(SecretAccess.REVEAL);
    try {
      writeAtomically(TOKEN_FILE, token);
    } finally {
      Arrays.fill(token, (byte) 0);
    }
    AuditLog.event("printer token stored in {}", tokenFile());
  }

  /** The stored link, or empty when there is no (usable) token file. */
  public Optional<StoredLink> load() throws IOException {
    Path tokenPath = tokenFile();
    if (!Files.exists(tokenPath)) {
      return Optional.empty();
    }
    if (isPosix() && !Files.getPosixFilePermissions(tokenPath).equals(OWNER_RW)) {
      LOG.warn("token file {} is readable by others than its owner; it should be mode 0600", tokenPath);
    }
    if (Files.size(tokenPath) > MAX_TOKEN_FILE_BYTES) {
      LOG.warn("token file {} is too large to be a printer token; ignoring it", tokenPath);
      return Optional.empty();
    }
    byte[] raw = Files.readAllBytes(tokenPath);
    try {
      String text = new String(raw, StandardCharsets.US_ASCII).strip();
      if (!TOKEN_SHAPE.matcher(text).matches()) {
        LOG.warn("token file {} does not hold a printer token; ignoring it", tokenPath);
        return Optional.empty();
      }
      return Optional.of(new StoredLink(Secret.fromText(text), loadInfo()));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * The printer id this agent was linked as, when its token file is gone but {@code link.json}
   * survived, or holds no usable token (corrupt, truncated, unreadable) (C-16): announced so the
   * relay can tell the owner's relink from another account's, and revokes the old printer rather
   * than keeping it beside the new one. Empty when a usable token exists or nothing is known.
   */
  public Optional<String> formerPrinterId() {
    try {
      if (load().isPresent()) {
        return Optional.empty();
      }
    } catch (IOException e) {
      // an unreadable token file is as good as a lost one: it cannot bring the printer online
    }
    return Optional.ofNullable(loadInfo()).map(LinkInfo::printerId);
  }

  /**
   * The relay URL the stored token was issued through, when there is a token and it was recorded
   * (links made before it was recorded have none).
   */
  public Optional<String> linkedRelay() throws IOException {
    if (!Files.exists(tokenFile())) {
      return Optional.empty();
    }
    return Optional.ofNullable(loadInfo()).map(LinkInfo::relay).filter(TokenStore::isRelayUrl);
  }

  /** A damaged record ("", "garbage", "ftp://x") is as good as none: the relay's answer decides. */
  private static boolean isRelayUrl(String text) {
    try {
      io.printerlink.protocol.RelayUrls.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      LOG.warn("{} names no usable relay URL; not checking --relay against it", LINK_FILE);
      return false;
    }
  }

  /**
   * Moves the token and its link info aside ({@code printer-token.refused}, {@code
   * link.json.refused}; {@code .refused-2}, {@code -3}, ... when earlier ones are there, which are
   * never replaced) after the relay answered 401, instead of deleting
   * them: a relay that answers 401 may not be the one that issued the token (a new or restored
   * relay at the same address), and a deleted token cannot be brought back. The moved file keeps
   * its 0600 mode. Returns the moved token's path, or empty when there was none.
   */
  public Optional<Path> setAside() throws IOException {
    Path token = tokenFile();
    if (!Files.exists(token)) {
      Files.deleteIfExists(dir.resolve(LINK_FILE));
      return Optional.empty();
    }
    // Never over an earlier refused token: each may be the one a relay still holds as ACTIVE.
    String suffix = SET_ASIDE_SUFFIX;
    for (int n = 2; Files.exists(dir.resolve(TOKEN_FILE + suffix)) || Files.exists(dir.resolve(LINK_FILE + suffix)); n++) {
      suffix = SET_ASIDE_SUFFIX + "-" + n;
    }
    Path link = dir.resolve(LINK_FILE);
    if (Files.exists(link)) {
      Files.move(link, dir.resolve(LINK_FILE + suffix), StandardCopyOption.ATOMIC_MOVE);
    }
    Path aside = dir.resolve(TOKEN_FILE + suffix);
    Files.move(token, aside, StandardCopyOption.ATOMIC_MOVE);
    AuditLog.event("printer token refused by the relay: moved to {}", aside);
    return Optional.of(aside);
  }

  /** Deletes the token and link info (a link that was never confirmed). */
  public void wipe() throws IOException {
    boolean had = Files.deleteIfExists(tokenFile());
    Files.deleteIfExists(dir.resolve(LINK_FILE));
    if (had) {
      AuditLog.event("printer token wiped from {}", tokenFile());
    }
  }

  private LinkInfo loadInfo() {
    Path p = dir.resolve(LINK_FILE);
    try {
      if (!Files.exists(p) || Files.size(p) > io.printerlink.protocol.Limits.MAX_BODY_BYTES) {
        return null;
      }
      return Json.parse(Files.readAllBytes(p), LinkInfo.class);
    } catch (IOException | JsonInputException e) {
      LOG.warn("{} is unreadable ({}); the relay's hello will tell who the printer is", p, e.getMessage());
      return null;
    }
  }

  private void ensureDir() throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      if (isPosixFor(dir.getParent())) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_RWX));
      } else {
        Files.createDirectories(dir);
      }
    } catch (FileAlreadyExistsException e) {
      // a race with another creator: fine if it is a directory
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  private void writeAtomically(String name, byte[] content) throws IOException {
    Path target = dir.resolve(name);
    Path tmp;
    if (isPosix()) {
      FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_RW);
      tmp = Files.createTempFile(dir, "." + name + "-", ".tmp", mode);
    } else {
      tmp = Files.createTempFile(dir, "." + name + "-", ".tmp");
    }
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private boolean isPosix() throws IOException {
    return isPosixFor(dir);
  }

  private static boolean isPosixFor(Path p) throws IOException {
    Path existing = p;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
  }
}
