package dev.slipway.packager;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link SyntheticProject} for each test, and the engine to package it with. */
abstract class SyntheticProjectTestBase {
  @TempDir Path tmp;
  Path project;
  Packing packing;

  @BeforeEach
  void createSyntheticProject() throws IOException {
    project = SyntheticProject.create(tmp.resolve("shop"));
    packing = new Packing(project, tmp.resolve("out"));
  }
}
