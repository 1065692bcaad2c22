package io.printerlink.relay.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where the relay's settings come from, strongest first: a command-line flag, then the
 * environment ({@code PRINTERLINK_RELAY_<KEY>}, e.g. {@code PRINTERLINK_RELAY_TLS_KEYSTORE}), then
 * the config file ({@code --config FILE} or {@code PRINTERLINK_RELAY_CONFIG}; keys are the long flag
 * names without dashes, e.g. {@code tls-keystore=/etc/printerlink/relay.p12}), then the built-in
 * default. A picocli default-value provider, so every flag of every subcommand is covered.
 */
public final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
  public static final String ENV_PREFIX = "PRINTERLINK_RELAY_";
  public static final String CONFIG_FLAG = "--config";
  public static final String CONFIG_ENV = ENV_PREFIX + "CONFIG";

  private final Properties file;
  private final Path fileName;
  private final Map<String, String> env;

  private ConfigDefaults(Properties file, Path fileName, Map<String, String> env) {
    this.file = file;
    this.fileName = fileName;
    this.env = env;
  }

  /**
   * Reads the config file named by {@code --config} in {@code args} (or the environment).
   *
   * @throws IllegalArgumentException when the named file is missing or unreadable
   */
  public static ConfigDefaults load(String[] args, Map<String, String> env) {
    Path path = configPath(args, env).orElse(null);
    Properties p = new Properties();
    if (path != null) {
      try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("config file " + path + " does not exist");
      } catch (FileSystemException e) {
        throw new IllegalArgumentException("config file " + path + " could not be read: " + StartFailures.fileProblem(e));
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException("config file " + path + " could not be read: " + e.getMessage());
      }
    }
    return new ConfigDefaults(p, path, env);
  }

  /** The env variable for a key: {@code tls-keystore} gives {@code PRINTERLINK_RELAY_TLS_KEYSTORE}. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec) || CONFIG_FLAG.equals(((OptionSpec) arg).longestName())) {
      return null;
    }
    String key = key((OptionSpec) arg);
    String fromEnv = env.get(envName(key));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    String fromFile = file.getProperty(key);
    return fromFile == null ? null : fromFile.strip();
  }

  /**
   * Where a bad value for {@code arg} came from when it was not on the command line: {@code " (from
   * env PRINTERLINK_RELAY_PORT)"} or {@code " (from key 'port' in relay.properties)"}; empty otherwise.
   * Without it, an operator reads "Invalid value for option '--port'" and searches the command line in vain.
   */
  public String origin(ArgSpec arg, String[] args) {
    if (!(arg instanceof OptionSpec) || CONFIG_FLAG.equals(((OptionSpec) arg).longestName())) {
      return "";
    }
    OptionSpec o = (OptionSpec) arg;
    for (String a : args) {
      for (String name : o.names()) {
        if (a.equals(name) || a.startsWith(name + "=")) {
          return "";
        }
      }
    }
    String key = key(o);
    String fromEnv = env.get(envName(key));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return " (from env " + envName(key) + ")";
    }
    return file.getProperty(key) != null ? " (from key '" + key + "' in " + fileName + ")" : "";
  }

  /** Refuses keys in the file that name no flag of any command (a typo would otherwise be ignored). */
  public void checkKeys(CommandLine root) {
    Set<String> known = new TreeSet<>();
    collect(root, known);
    for (String k : file.stringPropertyNames()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException("unknown key '" + k + "' in " + fileName + "; known keys: " + String.join(", ", known));
      }
    }
  }

  private static void collect(CommandLine cl, Set<String> known) {
    CommandSpec spec = cl.getCommandSpec();
    for (OptionSpec o : spec.options()) {
      String name = o.longestName();
      if (name.startsWith("--") && !o.usageHelp() && !o.versionHelp() && !CONFIG_FLAG.equals(name)) {
        known.add(key(o));
      }
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      collect(sub, known);
    }
  }

  private static String key(OptionSpec o) {
    return o.longestName().replaceFirst("^-+", "");
  }

  private static Optional<Path> configPath(String[] args, Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      if (CONFIG_FLAG.equals(args[i]) && i + 1 < args.length) {
        return Optional.of(Path.of(args[i + 1]));
      }
      if (args[i].startsWith(CONFIG_FLAG + "=")) {
        return Optional.of(Path.of(args[i].substring(CONFIG_FLAG.length() + 1)));
      }
    }
    String e = env.get(CONFIG_ENV);
    return e == null || e.isBlank() ? Optional.empty() : Optional.of(Path.of(e.strip()));
  }
}
