package dev.slipway.installer.steps;

import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.installer.deps.HostRuntime;
import dev.slipway.installer.env.ReleaseEnvironment;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.process.ChildRegistry;
import dev.slipway.process.RunAs;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A release being installed, as the steps after the env check see it (npm ci, smoke-start): they
 * took these as eight or more parameters each (issue #19).
 *
 * @param dir the staging folder the release is unpacked in
 * @param environment the installer's own environment (npm reads the operator's {@code npm_config_*})
 * @param children where the steps record the process trees they start (issue #6)
 * @param runAs the service user archive code runs as; empty to run as the installer's user
 */
public record StagedRelease(
    ReleaseRoot root,
    Path dir,
    Manifest.Header manifest,
    HostRuntime host,
    ReleaseEnvironment env,
    Map<String, String> environment,
    ChildRegistry children,
    Optional<RunAs> runAs,
    Reporter reporter) {
  public StagedRelease {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(env, "env");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(children, "children");
    Objects.requireNonNull(runAs, "runAs");
    Objects.requireNonNull(reporter, "reporter");
  }
}
