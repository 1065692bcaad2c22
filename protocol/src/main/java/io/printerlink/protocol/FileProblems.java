package io.printerlink.protocol;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Why a folder could not be used, in plain words, for the messages of the agent and the desktop app. */
public final class FileProblems {
  private FileProblems() {}

  /** The reason of a failure to create or write in a folder: "permission denied", "X exists and is not a folder", ... */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return ((FileAlreadyExistsException) e).getFile() + " exists and is not a folder";
    }
    if (e instanceof NoSuchFileException) {
      return "cannot create " + ((NoSuchFileException) e).getFile();
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
  }
}
