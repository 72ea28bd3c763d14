package dev.slipway.installer.switchover;

import dev.slipway.process.BaseEnvironment;
import dev.slipway.format.FailureText;
import dev.slipway.installer.env.EnvFile;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.release.Handover;
import dev.slipway.installer.release.Switchover;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Skew protection around any {@link Switchover} (issue #21): before a release takes traffic its
 * {@code .next/static} files join ROOT/shared/static, and the files of releases retention deleted
 * since leave it; and a build with Server Actions but no {@code NEXT_SERVER_ACTIONS_ENCRYPTION_KEY}
 * is warned about. Blue/green behind nginx serves the tree; the generated server.js falls back to
 * it, so a root that switches {@code current} gets the same.
 */
public final class SharedStaticSwitchover implements Switchover {
  private final Switchover inner;

  public SharedStaticSwitchover(Switchover inner) {
    this.inner = inner;
  }

  @Override
  public Optional<String> goLive(Handover handover) throws IOException {
    prepare(handover);
    if (!handover.isBack()) {
      ServerActionsKey.warning(handover.root().releaseDir(handover.releaseId()), env(handover))
          .ifPresent(handover.reporter()::warn);
    }
    return inner.goLive(handover);
  }

  @Override
  public Optional<String> switchBack(Handover back) throws IOException {
    prepare(back);
    return inner.switchBack(back);
  }

  @Override
  public void settle(Handover handover) throws IOException {
    inner.settle(handover);
  }

  @Override
  public Optional<String> note() {
    return inner.note();
  }

  /**
   * A tree that cannot be updated (permissions, a full disk) is a warning, not a failed install:
   * the release serves without it (nginx asks the app for a file the tree lacks); only the chunks
   * of older builds may be missing until the next install tries again.
   */
  private static void prepare(Handover handover) throws IOException {
    ReleaseRoot root = handover.root();
    try {
      SharedStatic.prune(root);
      SharedStatic.add(root, handover.releaseId());
    } catch (IOException | UncheckedIOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e;
      }
      handover.reporter().warn(SharedStatic.tree(root) + " could not be updated, so older builds' chunks may be missing"
          + " (the next install tries again): " + FailureText.asFailure(e).getMessage());
    }
  }

  /** What the release runs with: the installer's environment, and its own env file over it. */
  private static Map<String, String> env(Handover handover) throws IOException {
    Map<String, String> env = new HashMap<>(BaseEnvironment.wholeOfThisProcess());
    Path file = handover.root().releaseDir(handover.releaseId()).resolve(".env.production");
    if (Files.isRegularFile(file)) {
      env.putAll(EnvFile.valuesOf(file, Set.of(ServerActionsKey.NAME)));
    }
    return env;
  }
}
