package dev.slipway.format.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** A command line run in-process, with what it printed; shared by both tools' CLI tests. */
public record CapturedRun(int exit, String out, List<String> err) {
  public static CapturedRun of(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new CapturedRun(exit, out.toString(), err.toString().lines().toList());
  }
}
