package dev.slipway.installer.diagnosis;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.deps.HostRuntime;
import dev.slipway.installer.process.HealthResult;
import dev.slipway.installer.process.SmokeResult;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Names the cause of a failed npm ci or smoke-start (issue #5): the captured log goes through the
 * classifier (signatures in causes.tsv); when it recognises the failure, its cause code,
 * explanation, quoted exception and fix replace the generic ones. An unknown failure keeps the
 * generic code and still quotes the first thrown exception.
 */
public final class FailureDiagnosis {
  private final Classifier classifier = new Classifier();

  public SlipwayException npm(SlipwayException original, Path release, Manifest.Header manifest, HostRuntime host) {
    Path log = release.resolve(".deploy/logs/npm-ci.log");
    Context context = Context.forRelease(release, manifest, host.runtime().version());
    try {
      return better(original, classifier.classify(Source.NPM, log, context), FailureKind.NPM_FAILED, "");
    } catch (IOException | RuntimeException e) {
      return original;
    }
  }

  public SlipwayException smoke(SmokeResult result, Path release, Manifest.Header manifest, HostRuntime host) {
    SlipwayException original = result.toException();
    try {
      String log = LogTail.read(result.logFile());
      Context context = Context.forRelease(release, manifest, host.runtime().version()).withPort(result.port());
      Diagnosis diagnosis;
      if (result.health() instanceof HealthResult.TimedOut timedOut) {
        diagnosis = classifier.neverListens(timedOut.processAlive(), result.port(), log, context);
      } else if (result.health() instanceof HealthResult.Exited exited) {
        diagnosis = classifier.classify(Source.APP, log, context.withExitCode(exited.code()));
      } else {
        diagnosis = classifier.classify(Source.APP, log, context);
      }
      return better(original, diagnosis, FailureKind.SMOKE_FAILED, routeOf(result));
    } catch (IOException | RuntimeException e) {
      return original;
    }
  }

  /**
   * Which route failed, as the first words of a named cause: with every route checked (issue #16),
   * "MODULE_MISSING: ..." alone would not say which page loads the module.
   */
  private static String routeOf(SmokeResult result) {
    if (result.health() instanceof HealthResult.BadStatus
        || result.health() instanceof HealthResult.Dropped
        || result.health() instanceof HealthResult.Exited exited && exited.during() != null) {
      return result.reason() + ": ";
    }
    return "";
  }

  private static SlipwayException better(SlipwayException original, Diagnosis diagnosis, FailureKind kind, String route) {
    if (Classifier.UNKNOWN.equals(diagnosis.code())) {
      return original.evidence() == null && diagnosis.firstException() != null
          ? original.withEvidence(diagnosis.firstException())
          : original;
    }
    String evidence = diagnosis.firstException() != null ? diagnosis.firstException() : original.evidence();
    SlipwayException named = new SlipwayException(kind, diagnosis.code(), route + diagnosis.explanation(), evidence, diagnosis.fix());
    named.initCause(original);
    return named;
  }
}
