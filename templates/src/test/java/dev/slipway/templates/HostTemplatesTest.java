package dev.slipway.templates;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #21: the systemd template unit passes {@code systemd-analyze verify} (where that tool
 * exists), the nginx server block passes {@code nginx -t}, and no value can change what either
 * file says.
 */
class HostTemplatesTest {
  @TempDir Path tmp;

  static final String UNIT = HostTemplates.systemdUnit("shop", "/srv/shop", "shop", "shop", "/usr/bin/node");

  @Test
  void theUnitIsHardenedRunsTheSlotsReleaseAsTheServiceUserAndRestartsOnFailure() {
    assertThat(UNIT).contains("User=shop\n", "Group=shop\n", "NoNewPrivileges=yes\n", "ProtectSystem=strict\n",
        "ReadWritePaths=/srv/shop/releases\n", "Restart=on-failure\n",
        "ExecStart=/usr/bin/node /srv/shop/slots/%i/server.js\n", "WorkingDirectory=/srv/shop/slots/%i\n",
        "EnvironmentFile=-/srv/shop/slots/%i/.env.production\n", "Environment=NODE_ENV=production PORT=%i HOSTNAME=127.0.0.1\n");
    assertThat(UNIT).doesNotContain("{{").doesNotContain("MemoryDenyWriteExecute"); // V8's JIT needs W+X pages
  }

  @Test
  void theUnitPassesSystemdAnalyzeVerify() throws Exception {
    Optional<Path> analyze = onPath("systemd-analyze");
    assumeTrue(analyze.isPresent(), "systemd-analyze is not installed here");
    Path node = onPath("node").orElseThrow();
    Path file = tmp.resolve("slipway-shop@.service");
    Files.writeString(file, HostTemplates.systemdUnit("shop", "/srv/shop", "shop", "shop", node.toString()), UTF_8);

    Result verify = run(List.of(analyze.get().toString(), "verify", file.toString()));

    assertThat(verify.exit()).as(verify.output()).isZero();
    assertThat(verify.output()).as("systemd-analyze's warnings").isBlank();
  }

  @Test
  void theServerBlockPassesNginxTest() throws Exception {
    Optional<Path> nginx = onPath("nginx").or(() -> Optional.of(Path.of("/usr/sbin/nginx")).filter(Files::isExecutable));
    assumeTrue(nginx.isPresent(), "nginx is not installed here (.ci/run installs it)");
    Path upstream = tmp.resolve("upstream.conf");
    Files.writeString(upstream, "upstream slipway_shop { server 127.0.0.1:3001; keepalive 16; }\n");
    Files.writeString(tmp.resolve("site.conf"), HostTemplates.nginxSite("slipway_shop", "/srv/shop", upstream.toString(),
        "/srv/shop/shared/static", "127.0.0.1:18080", "shop.example"));
    Files.writeString(tmp.resolve("nginx.conf"), "pid " + tmp.resolve("nginx.pid") + ";\nerror_log " + tmp.resolve("error.log")
        + ";\nevents {}\nhttp {\n  access_log off;\n  include " + tmp.resolve("site.conf") + ";\n}\n");

    Result test = run(List.of(nginx.get().toString(), "-t", "-p", tmp.toString(), "-c", tmp.resolve("nginx.conf").toString()));

    assertThat(test.exit()).as(test.output()).isZero();
    assertThat(test.output()).contains("syntax is ok").contains("test is successful");
  }

  @Test
  void theServerBlockServesTheStaticTreeForeverAndRetriesConnectionErrorsOnly() {
    String site = HostTemplates.nginxSite("slipway_shop", "/srv/shop", "/etc/nginx/slipway/shop.conf",
        "/srv/shop/shared/static", "80", "_");
    assertThat(site).contains("include /etc/nginx/slipway/shop.conf;", "alias /srv/shop/shared/static/;", "expires max;",
        "immutable", "proxy_next_upstream error timeout;", "proxy_pass http://slipway_shop;",
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    assertThat(site).doesNotContain("http_502").doesNotContain("http_500");
  }

  @Test
  void refusesValuesThatWouldChangeWhatTheFilesSay() {
    assertThatThrownBy(() -> HostTemplates.systemdUnit("shop", "/srv/my shop", "shop", "shop", "/usr/bin/node"))
        .hasMessageContaining("no spaces");
    assertThatThrownBy(() -> HostTemplates.systemdUnit("shop", "/srv/shop\nUser=root", "shop", "shop", "/usr/bin/node"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HostTemplates.systemdUnit("shop", "/srv/shop", "root", "root", "/usr/bin/node"))
        .hasMessageContaining("must not run as root");
    assertThatThrownBy(() -> HostTemplates.systemdUnit("shop", "srv/shop", "shop", "shop", "/usr/bin/node"))
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> HostTemplates.nginxSite("slipway_shop", "/srv/shop", "/u.conf", "/s", "80", "a; include /etc/x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Optional<Path> onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  record Result(int exit, String output) {}

  static Result run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), output);
  }
}
