package dev.slipway.installer.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link CommandRunner} that records every command line, as cmd.exe would see it, and answers
 * from a script: by default exit 0 and no output; {@link #answer} sets the answer to the next call
 * of a line that starts with a prefix, {@link #always} to every such call.
 */
public final class RecordingRunner implements CommandRunner {
  private final List<String> lines = new ArrayList<>();
  private final Map<String, List<Result>> scripted = new HashMap<>();
  private final Map<String, Result> standing = new HashMap<>();
  private Effect effect = command -> {};

  /** What a command does besides answering (e.g. mklink making a link a test can follow). */
  @FunctionalInterface
  public interface Effect {
    void apply(List<String> command) throws java.io.IOException;
  }

  /** The answer every command starting with {@code prefix} gets, after the queued ones ({@link #answer}). */
  public RecordingRunner always(String prefix, int exitCode, String output) {
    standing.put(prefix, new Result(exitCode, output));
    return this;
  }

  /** Runs {@code effect} for every command, before it answers. */
  public RecordingRunner doing(Effect effect) {
    this.effect = effect;
    return this;
  }

  /** The answer the next command starting with {@code prefix} gets (queued, in order). */
  public RecordingRunner answer(String prefix, int exitCode, String output) {
    scripted.computeIfAbsent(prefix, p -> new ArrayList<>()).add(new Result(exitCode, output));
    return this;
  }

  @Override
  public Result run(List<String> command) throws java.io.IOException {
    String line = WindowsCommandLine.of(command);
    lines.add(line);
    effect.apply(command);
    for (Map.Entry<String, List<Result>> entry : scripted.entrySet()) {
      if (line.startsWith(entry.getKey()) && !entry.getValue().isEmpty()) {
        return entry.getValue().remove(0);
      }
    }
    for (Map.Entry<String, Result> entry : standing.entrySet()) {
      if (line.startsWith(entry.getKey())) {
        return entry.getValue();
      }
    }
    return new Result(0, "");
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  public void clear() {
    lines.clear();
  }
}
