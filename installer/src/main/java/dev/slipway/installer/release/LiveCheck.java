package dev.slipway.installer.release;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code --live-url} (issue #4): after the switch and the restart, each URL must answer 200-399
 * within the timeout. Connection errors and 502/503/504 (a proxy or app pool still warming up) are
 * retried; any other answer outside 200-399, such as the app's own 500, fails at once.
 */
final class LiveCheck {
  private static final Duration POLL = Duration.ofMillis(250);

  private LiveCheck() {}

  /** @return empty when every URL answered, else what failed */
  static Optional<String> await(List<String> urls, Duration timeout) {
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    for (String url : urls) {
      String last = "no answer";
      while (true) {
        try {
          HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
          int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          if (status >= 200 && status < 400) {
            break;
          }
          last = "answered " + status;
          if (status != 502 && status != 503 && status != 504) {
            return Optional.of(url + " " + last);
          }
        } catch (IOException e) {
          last = "did not answer (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw Abort.interrupted();
        }
        if (Instant.now().isAfter(deadline)) {
          return Optional.of(url + " " + last + " within " + timeout.toSeconds() + " s");
        }
        try {
          Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw Abort.interrupted();
        }
      }
    }
    return Optional.empty();
  }
}
