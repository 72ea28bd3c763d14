package dev.slipway.installer.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keep-alive clients that ask one URL in a loop until stopped, counting every answer by its body
 * and every non-2xx answer and connection error (issue #21: a switch must fail none of them).
 */
final class Hammer implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong ok = new AtomicLong();
  private final Map<String, AtomicLong> bodies = new ConcurrentHashMap<>();
  private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong non2xx = new AtomicLong();
  private final AtomicLong connectionErrors = new AtomicLong();

  static Hammer start(String url, int clients) {
    Hammer hammer = new Hammer();
    for (int i = 0; i < clients; i++) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      Thread thread = new Thread(() -> hammer.loop(client, url), "hammer-" + i);
      thread.setDaemon(true);
      hammer.threads.add(thread);
      thread.start();
    }
    return hammer;
  }

  private void loop(HttpClient client, String url) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
    while (running.get()) {
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
          ok.incrementAndGet();
          bodies.computeIfAbsent(response.body().strip(), b -> new AtomicLong()).incrementAndGet();
        } else {
          non2xx.incrementAndGet();
          failures.add(response.statusCode() + " " + response.body().strip());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        connectionErrors.incrementAndGet();
        failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
  }

  long ok() {
    return ok.get();
  }

  List<String> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  /** The counts bench/bluegreen.sh reads: {@code answers=N non2xx=N connection_errors=N}. */
  String counts() {
    return "answers=" + (ok.get() + non2xx.get()) + " non2xx=" + non2xx.get() + " connection_errors=" + connectionErrors.get();
  }

  /** How many 2xx answers had each body. */
  Map<String, Long> bodies() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    bodies.forEach((body, n) -> copy.put(body, n.get()));
    return copy;
  }

  /** Polls until an answer with {@code body} has been counted (the switch reached the clients). */
  void awaitBody(String body, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!bodies.containsKey(body)) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("no answer \"" + body + "\" within " + timeout + "; seen " + bodies() + ", failures " + failures());
      }
      Cli.sleep(20);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(15_000);
    }
  }

  @Override
  public String toString() {
    return ok() + " ok " + bodies() + ", " + failures.size() + " failed" + (failures.isEmpty() ? "" : ": " + failures().subList(0, Math.min(10, failures.size())));
  }
}
