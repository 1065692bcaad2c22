package io.printerlink.desktop.wizard;

import io.printerlink.protocol.api.PrinterView;

/** One line of "My printers". */
public record PrinterRow(String id, String name, String model, boolean online) {
  static PrinterRow of(PrinterView p) {
    return new PrinterRow(p.id(), p.name(), p.model(), p.online());
  }

  PrinterRow withOnline(boolean now) {
    return new PrinterRow(id, name, model, now);
  }
}
