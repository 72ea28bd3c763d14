package dev.slipway.dist;

import java.util.Arrays;
import java.util.List;

/** The modules dist/pom.xml hands jlink ({@code runtime.modules}, passed to the tests as a system property). */
final class RuntimeModules {
  private RuntimeModules() {}

  static List<String> listed() {
    String configured = System.getProperty("slipway.runtime.modules");
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException("slipway.runtime.modules is not set: run through Maven (dist/pom.xml sets it)");
    }
    return Arrays.stream(configured.split(",")).map(String::strip).toList();
  }
}
