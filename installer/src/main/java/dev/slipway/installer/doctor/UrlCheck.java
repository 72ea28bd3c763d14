package dev.slipway.installer.doctor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code url}: each {@code --url} answers 200-399 (step 10 of the guide: "test the backend
 * directly first, then test through IIS"). One GET per URL, redirects not followed (a 3xx is an
 * answer), {@value #TIMEOUT_SECONDS} s each; no retries: the doctor reports how the site answers
 * now. Only listed when a URL was given.
 */
final class UrlCheck implements Check {
  static final String NAME = "url";
  static final int TIMEOUT_SECONDS = 10;

  private final List<URI> urls;
  private final Duration timeout;

  UrlCheck(List<URI> urls) {
    this(urls, Duration.ofSeconds(TIMEOUT_SECONDS));
  }

  UrlCheck(List<URI> urls, Duration timeout) {
    this.urls = List.copyOf(urls);
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(LiveRelease release) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout)
        .build();
    List<String> answered = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (URI url : urls) {
      long started = System.nanoTime();
      try {
        HttpResponse<Void> response = client.send(
            HttpRequest.newBuilder(url).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
        String seconds = String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9);
        String line = url + " answered " + response.statusCode() + " in " + seconds + " s";
        (response.statusCode() >= 200 && response.statusCode() <= 399 ? answered : failed).add(line);
      } catch (HttpTimeoutException e) {
        failed.add(url + " did not answer within " + timeout.toSeconds() + " s");
      } catch (ConnectException e) {
        failed.add(url + ": connection refused" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
      } catch (IOException e) {
        failed.add(url + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      }
    }
    if (failed.isEmpty()) {
      return CheckResult.ok(NAME, String.join("; ", answered));
    }
    List<String> all = new ArrayList<>(failed);
    all.addAll(answered);
    return CheckResult.fail(NAME, String.join("; ", all),
        "when the entry check passes, the app itself starts on this host: look at what sits in front of it (the IIS"
            + " site and app pool, web.config, the service that runs the app, a proxy or firewall); otherwise fix"
            + " what the entry check says first");
  }
}
