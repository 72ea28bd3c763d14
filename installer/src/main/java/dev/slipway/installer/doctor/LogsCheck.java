package dev.slipway.installer.doctor;

import dev.slipway.format.Manifest;
import dev.slipway.installer.diagnosis.Classifier;
import dev.slipway.installer.diagnosis.Context;
import dev.slipway.installer.diagnosis.Diagnosis;
import dev.slipway.installer.diagnosis.Source;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code logs}: the newest node output IIS kept in the release, read for the first thrown
 * exception (step 5 of the guide: "open the generated logs and look for the first thrown
 * exception"): {@code iisnode/} (iisnode's {@code loggingEnabled}) and {@code logs/}
 * (HttpPlatformHandler's {@code stdoutLogFile}). Per folder the {@value #FILES_PER_FOLDER} newest
 * files (iisnode writes stdout and stderr to separate files; its {@code index.html} is skipped),
 * each read from its last {@value BoundedText#MAX_BYTES} bytes: a log appended to across restarts
 * holds its latest crash at the end. Each goes through the same {@link Classifier} as a failed
 * smoke start.
 *
 * <p>A found exception is a warning, not a failure: it may be old, from before the last fix.
 */
final class LogsCheck implements Check {
  static final String NAME = "logs";
  static final List<String> FOLDERS = List.of("iisnode", "logs");
  static final int FILES_PER_FOLDER = 3;

  private final Classifier classifier;
  private final Clock clock;

  LogsCheck(Classifier classifier, Clock clock) {
    this.classifier = classifier;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  private record Log(Path file, String shown, FileTime modified) {}

  @Override
  public CheckResult run(LiveRelease release) throws IOException {
    List<Log> logs = new ArrayList<>();
    List<String> folders = new ArrayList<>();
    for (String folder : FOLDERS) {
      Path dir = release.dir().resolve(folder);
      if (Files.isDirectory(dir)) {
        folders.add(folder + "/");
        logs.addAll(newest(dir, folder));
      }
    }
    if (folders.isEmpty()) {
      return CheckResult.ok(NAME, "no iisnode/ or logs/ folder in the release: nothing logged there");
    }
    if (logs.isEmpty()) {
      return CheckResult.ok(NAME, "no log files in " + String.join(" or ", folders));
    }
    logs.sort(Comparator.comparing(Log::modified).reversed());
    Context context = Context.forRelease(release.dir(), release.manifest().map(Manifest::header).orElse(null), null);
    List<String> withErrors = new ArrayList<>();
    Log firstLog = null;
    Diagnosis first = null;
    for (Log log : logs) {
      Diagnosis diagnosis = classifier.classify(Source.APP, BoundedText.tail(log.file(), BoundedText.MAX_BYTES), context);
      if (!Classifier.UNKNOWN.equals(diagnosis.code()) || diagnosis.firstException() != null) {
        withErrors.add(log.shown());
        if (first == null) {
          first = diagnosis;
          firstLog = log;
        }
      }
    }
    List<String> read = logs.stream().map(Log::shown).toList();
    if (first == null) {
      return CheckResult.ok(NAME, "no thrown exception in " + String.join(", ", read));
    }
    String cause = Classifier.UNKNOWN.equals(first.code()) ? "an exception" : first.code() + ": " + first.explanation();
    String others = withErrors.size() > 1 ? " (" + (withErrors.size() - 1) + " older log(s) show errors too)" : "";
    return CheckResult.warn(NAME,
            firstLog.shown() + " (written " + age(firstLog.modified()) + " ago) shows " + cause + others
                + "; it may predate the last fix",
            first.fix())
        .withEvidence(first.firstException());
  }

  private static List<Log> newest(Path dir, String folder) throws IOException {
    List<Log> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && !name.equalsIgnoreCase("index.html")) {
          files.add(new Log(entry, folder + "/" + name, Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS)));
        }
      }
    }
    files.sort(Comparator.comparing(Log::modified).reversed());
    return files.subList(0, Math.min(FILES_PER_FOLDER, files.size()));
  }

  private String age(FileTime modified) {
    Duration age = Duration.between(modified.toInstant(), clock.instant());
    if (age.isNegative() || age.toMinutes() < 1) {
      return "less than a minute";
    }
    if (age.toHours() < 1) {
      return age.toMinutes() + " min";
    }
    if (age.toDays() < 2) {
      return age.toHours() + " h";
    }
    return age.toDays() + " days";
  }
}
