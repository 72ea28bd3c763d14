package dev.slipway.installer.doctor;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.format.TerminalText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code installer doctor} found: one {@link CheckResult} per check, in the order they ran.
 *
 * @param releaseId the live release examined
 * @param release what it is ("hello-next 1.0.0"), for the heading
 */
public record DoctorReport(String releaseId, String release, List<CheckResult> checks) {
  /** Width of the check-name column: the longest name ({@code native-modules}) and two spaces. */
  static final int NAME_WIDTH = 16;

  public DoctorReport {
    checks = List.copyOf(checks);
  }

  /** True when no check failed: warnings do not count. */
  public boolean ok() {
    return failed().isEmpty();
  }

  public List<CheckResult> failed() {
    return checks.stream().filter(c -> c.verdict() == Verdict.FAIL).toList();
  }

  /** The result of the check called {@code name}, if it ran. */
  public Optional<CheckResult> find(String name) {
    return checks.stream().filter(c -> c.check().equals(name)).findFirst();
  }

  private long count(Verdict verdict) {
    return checks.stream().filter(c -> c.verdict() == verdict).count();
  }

  /**
   * The report as printed: a heading, one verdict line per check ({@code ok    node            …},
   * {@code FAIL  env             … — fix: …}), the evidence of a check indented below its line, and
   * a summary. Each line is escaped for the terminal ({@link TerminalText}): the heading names the
   * release from its manifest, and evidence quotes the app's logs (issue #20).
   */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("doctor: live release " + releaseId + " (" + release + ")");
    for (CheckResult check : checks) {
      lines.add(String.format(Locale.ROOT, "%-6s%-" + NAME_WIDTH + "s%s", check.verdict().label(), check.check(),
          oneLine(check.detail()) + (check.fix() == null ? "" : " — fix: " + oneLine(check.fix()))));
      if (check.evidence() != null) {
        check.evidence().lines().forEach(line -> lines.add("        " + line));
      }
    }
    lines.add("doctor: " + count(Verdict.OK) + " ok, " + count(Verdict.WARN) + " warn, " + count(Verdict.FAIL) + " FAIL");
    return lines.stream().map(TerminalText::escape).toList();
  }

  /** The report for {@code --json}: {@code {"ok":…,"release":…,"checks":[{"check","verdict","detail","fix","evidence"}]}}. */
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ok", ok());
    json.put("release", releaseId);
    List<Map<String, Object>> list = new ArrayList<>();
    for (CheckResult check : checks) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("check", check.check());
      item.put("verdict", check.verdict().name().toLowerCase(Locale.ROOT));
      item.put("detail", check.detail());
      item.put("fix", check.fix());
      item.put("evidence", check.evidence());
      list.add(item);
    }
    json.put("checks", list);
    return json;
  }

  /** DOCTOR_FAILED (exit 29) naming how many checks failed; empty when none did. */
  public Optional<SlipwayException> failure() {
    List<CheckResult> failed = failed();
    if (failed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SlipwayException(
        FailureKind.DOCTOR_FAILED,
        "DOCTOR_FAILED",
        failed.size() + " of " + checks.size() + " checks failed: "
            + String.join(", ", failed.stream().map(CheckResult::check).toList()),
        null,
        "do what each FAIL line says, then run installer doctor again"));
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
