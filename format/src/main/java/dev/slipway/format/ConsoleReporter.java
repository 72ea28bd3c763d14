package dev.slipway.format;

import java.io.PrintStream;

/**
 * Steps and warnings on stderr, so that stdout carries only the result (the archive's path, or
 * the --json object). On a terminal long steps draw a progress bar; in CI (no TTY) each step is one
 * plain line and no control characters are printed.
 */
public final class ConsoleReporter implements Reporter {
  private static final int BAR_WIDTH = 30;

  private final PrintStream err;
  private final boolean terminal;
  private boolean barShown;
  private long lastPercent = -1;

  public ConsoleReporter(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void step(String description) {
    endBar();
    err.println("==> " + TerminalText.escape(description));
  }

  @Override
  public void warn(String warning) {
    endBar();
    // Steps and warnings name apps, files and log lines from archives (issue #20): escaped.
    err.println("warning: " + TerminalText.escape(warning));
  }

  @Override
  public void progress(long done, long total) {
    if (!terminal || total <= 0) {
      return;
    }
    long percent = Math.min(100, done * 100 / total);
    if (percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    int filled = (int) (percent * BAR_WIDTH / 100);
    err.print("\r    [" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + percent + "% of "
        + (total / (1024 * 1024)) + " MiB");
    err.flush();
    barShown = true;
  }

  public void endBar() {
    if (barShown) {
      err.println();
      barShown = false;
      lastPercent = -1;
    }
  }
}
