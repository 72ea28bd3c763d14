package dev.slipway.installer.platform;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Whether Windows long paths are enabled: {@code HKLM\SYSTEM\CurrentControlSet\Control\FileSystem}
 * {@code LongPathsEnabled = 1}. Read with {@code reg query}, whose answer is a line such as {@code
 * LongPathsEnabled    REG_DWORD    0x1}.
 */
public final class LongPaths {
  static final List<String> QUERY = List.of(
      "reg.exe", "query", "HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem", "/v", "LongPathsEnabled");

  private LongPaths() {}

  /** False when the value is 0, missing (the default), or cannot be read. */
  public static boolean enabled(CommandRunner runner) throws InterruptedException {
    try {
      CommandRunner.Result answer = runner.run(QUERY);
      return answer.succeeded() && parse(answer.output());
    } catch (IOException e) {
      return false;
    }
  }

  static boolean parse(String regOutput) {
    for (String line : regOutput.split("\\R")) {
      String[] words = line.strip().split("\\s+");
      if (words.length == 3 && words[0].equalsIgnoreCase("LongPathsEnabled")) {
        String value = words[2].toLowerCase(Locale.ROOT);
        return !(value.equals("0x0") || value.equals("0"));
      }
    }
    return false;
  }
}
