package io.printerlink.agent.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One process at a time per state folder: an OS file lock on {@code agent.lock} in it, held by a
 * running agent (and by {@code link --code} while it links). Two agents sharing a folder would
 * overwrite each other's {@code status.json} and share one printer token; a code link written
 * under a running agent would be overwritten by that agent's next discovery link. The lock dies
 * with its process (kill -9, power cut), so it never needs cleaning up, and {@code status} uses it
 * to tell a running agent from a stale {@code status.json} whose pid now belongs to another
 * process (pids repeat after a reboot). The file holds the holder's pid, for messages only.
 */
public final class StateLock implements AutoCloseable {
  public static final String NAME = "agent.lock";
  /**
   * Lock files this JVM holds. POSIX drops all of a process's locks on a file when any descriptor
   * of it is closed, so this JVM must never open (and close) a lock file it holds: it answers from
   * this set instead. Only ever holds the files of live {@code StateLock}s.
   */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final AtomicBoolean closed = new AtomicBoolean();

  private StateLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Thrown when another process holds the state folder. */
  public static final class HeldException extends IOException {
    private static final long serialVersionUID = 1L;
    private final OptionalLong holder;

    HeldException(Path dir, OptionalLong holder) {
      super("another process" + (holder.isPresent() ? " (pid " + holder.getAsLong() + ")" : "")
          + " is using the state folder " + dir);
      this.holder = holder;
    }

    /** The holder's pid, when it could be read. */
    public OptionalLong holder() {
      return holder;
    }
  }

  /**
   * Takes the folder's lock (creating the folder 0700 and the lock file 0600 when missing).
   *
   * @throws HeldException when another process (or another agent in this JVM) holds it
   * @throws IOException when the folder or the file cannot be made or opened
   */
  public static StateLock acquire(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(abs)) {
      if (posix) {
        Files.createDirectories(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(abs);
      }
    }
    abs = abs.toRealPath(); // one name per folder, so HELD_HERE sees "./a", "a" and symlinks as one
    Path file = abs.resolve(NAME);
    if (!HELD_HERE.add(file)) {
      throw new HeldException(abs, OptionalLong.of(ProcessHandle.current().pid()));
    }
    try {
      return lock(abs, file, posix);
    } catch (IOException | RuntimeException e) {
      HELD_HERE.remove(file);
      throw e;
    }
  }

  private static StateLock lock(Path abs, Path file, boolean posix) throws IOException {
    FileChannel ch = posix
        ? FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      OptionalLong holder = readPid(ch);
      ch.close();
      throw new HeldException(abs, holder);
    }
    try {
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      ch.force(false);
    } catch (IOException e) {
      lock.release();
      ch.close();
      throw e;
    }
    return new StateLock(file, ch, lock);
  }

  /**
   * Whether some process holds the folder's lock now: true / false, or empty when that cannot be
   * told (no lock file: nothing ran there, or an agent from before the lock; no permission to open
   * the file; a file system without locks).
   */
  public static Optional<Boolean> isHeld(Path dir) {
    Path file;
    try {
      file = dir.toAbsolutePath().toRealPath().resolve(NAME);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (HELD_HERE.contains(file)) {
      return Optional.of(true);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      FileLock probe;
      try {
        probe = ch.tryLock(0, Long.MAX_VALUE, true);
      } catch (OverlappingFileLockException e) {
        return Optional.of(true); // held in this very JVM
      }
      if (probe == null) {
        return Optional.of(true);
      }
      probe.release();
      return Optional.of(false);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static OptionalLong readPid(FileChannel ch) {
    try {
      ByteBuffer buf = ByteBuffer.allocate(32);
      ch.read(buf, 0);
      String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
      return text.matches("[0-9]{1,10}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** Releases the lock; the file stays (removing it would race with the next holder). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      lock.release();
    } catch (IOException e) {
      // the channel's close below releases it anyway
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to do
    }
    HELD_HERE.remove(file);
  }
}
