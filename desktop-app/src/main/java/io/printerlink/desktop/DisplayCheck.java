package io.printerlink.desktop;

import java.util.Map;

/** Decides whether the JavaFX wizard can open a window here. */
public final class DisplayCheck {
  private DisplayCheck() {}

  /**
   * True when a display is there: Monocle (headless tests) always counts; on Linux and other
   * X11/Wayland systems {@code DISPLAY} or {@code WAYLAND_DISPLAY} must be set; Windows and macOS
   * always have one.
   */
  public static boolean hasDisplay(Map<String, String> env, String osName, String glassPlatform) {
    if ("Monocle".equalsIgnoreCase(glassPlatform)) {
      return true;
    }
    String os = osName == null ? "" : osName.toLowerCase(java.util.Locale.ROOT);
    if (os.startsWith("windows") || os.startsWith("mac")) {
      return true;
    }
    return notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY"));
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
