package dev.slipway.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP response: status, headers (names case-insensitive, as HTTP says) and the body decoded
 * as UTF-8.
 */
public record HttpResult(int status, Map<String, List<String>> headers, String body) {

  public HttpResult {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), HttpResult::concat));
    headers = Collections.unmodifiableMap(copy);
  }

  /** The first value of header {@code name}, any case. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  @Override
  public String toString() {
    String shortBody = body.length() > 500 ? body.substring(0, 500) + "..." : body;
    return "HTTP " + status + " " + headers + "\n" + shortBody;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
