package dev.slipway.installer.cli;

import java.util.List;
import java.util.Map;

/**
 * The examples that end each subcommand's {@code --help} (issue #17), real command lines that
 * InstallerMainTest parses, so a renamed option cannot leave a stale example behind.
 */
final class InstallerExamples {
  private InstallerExamples() {}

  static final Map<String, List<String>> BY_SUBCOMMAND = Map.ofEntries(
      Map.entry("install", List.of(
          "installer install dist/shop-1.4.0-AbC123.tar.gz --root /srv/shop",
          "installer install shop.tar.gz --root /srv/shop --service-user shop",
          "installer install shop.tar.gz --root /srv/shop --env-file /etc/shop.env",
          "installer install shop.tar.gz --root /srv/shop --health-path /api/health \\",
          "    --restart-command 'systemctl restart shop' --live-url http://127.0.0.1/")),
      Map.entry("verify", List.of(
          "installer verify shop.tar.gz          # against shop.tar.gz.sha256 beside it",
          "installer verify shop.tar.gz --sha256 \"$(cut -d' ' -f1 shop.sha256)\" --json",
          "installer verify shop.tar.gz --trusted-key ci.pub  # and shop.tar.gz.minisig")),
      Map.entry("unpack", List.of(
          "installer unpack shop.tar.gz /tmp/shop-release",
          "installer unpack shop.tar.gz ./release --json")),
      Map.entry("rollback", List.of(
          "installer rollback --root /srv/shop   # to the newest good older release",
          "installer rollback --root /srv/shop --to 20261127T175320Z-AbC123",
          "installer rollback --root /srv/shop --restart-command 'systemctl restart x'")),
      Map.entry("list", List.of(
          "installer list --root /srv/shop",
          "installer list --root /srv/shop --json")),
      Map.entry("adopt", List.of(
          "installer adopt --root /srv/shop      # current/ becomes the first release",
          "installer list --root /srv/shop       # then see it listed")),
      Map.entry("doctor", List.of(
          "installer doctor --root /srv/shop",
          "installer doctor --root /srv/shop --url https://shop.example/ --json")),
      Map.entry("status", List.of(
          "installer status --root /srv/shop",
          "installer status --root /srv/shop --json   # what a fleet check compares")),
      Map.entry("blue-green", List.of(
          "installer blue-green --root /srv/shop --port 3001 --port 3002 \\",
          "    --start-command 'systemctl start slipway-shop@{port}' \\",
          "    --stop-command 'systemctl stop slipway-shop@{port}' \\",
          "    --upstream-file /etc/nginx/slipway/shop-upstream.conf",
          "installer blue-green --root /srv/shop --off   # switch the classic way again")),
      Map.entry("nginx-conf", List.of(
          "installer nginx-conf --root /srv/shop --server-name shop.example",
          "installer nginx-conf --root /srv/shop --listen 127.0.0.1:8080")),
      Map.entry("systemd-unit", List.of(
          "installer systemd-unit --root /srv/shop   # as install's --service-user",
          "installer systemd-unit --root /srv/shop --service-user shop --app shop-eu")));
}
