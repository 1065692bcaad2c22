package io.printerlink.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's version, from the build (filtered {@code version.properties}). */
public final class AgentVersion {
  private static final String VERSION = load();

  private AgentVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = AgentVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "").strip();
        if (!v.isEmpty() && !v.startsWith("$") && v.length() <= 32) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "0.0.0-dev";
  }
}
