package io.printerlink.relay.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}: read by {@link ConfigDefaults} before parsing; declared here so every command accepts it. */
public final class ConfigOption {
  @Option(names = ConfigDefaults.CONFIG_FLAG, paramLabel = "FILE",
      description = "Properties file with defaults for these flags (keys: flag names without dashes). "
          + "Also: env " + ConfigDefaults.CONFIG_ENV + ".")
  Path config;
}
