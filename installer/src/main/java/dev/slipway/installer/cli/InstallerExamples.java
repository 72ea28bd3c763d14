package dev.slipway.installer.cli;

import java.util.List;
import java.util.Map;

/**
 * The examples that end each subcommand's {@code --help} (issue #17), real command lines that
 * InstallerMainTest parses, so a renamed option cannot leave a stale example behind.
 */
final class InstallerExamples {
  private InstallerExamples() {}

  static final Map<String, List<String>> BY_SUBCOMMAND = Map.of(
      "install", List.of(
          "installer install dist/shop-1.4.0-AbC123.tar.gz --root /srv/shop",
          "installer install shop.tar.gz --root /srv/shop --service-user shop",
          "installer install shop.tar.gz --root /srv/shop --env-file /etc/shop.env",
          "installer install shop.tar.gz --root /srv/shop --health-path /api/health \\",
          "    --restart-command 'systemctl restart shop' --live-url http://127.0.0.1/"),
      "verify", List.of(
          "installer verify shop.tar.gz          # against shop.tar.gz.sha256 beside it",
          "installer verify shop.tar.gz --sha256 \"$(cut -d' ' -f1 shop.sha256)\" --json",
          "installer verify shop.tar.gz --trusted-key ci.pub  # and shop.tar.gz.minisig"),
      "unpack", List.of(
          "installer unpack shop.tar.gz /tmp/shop-release",
          "installer unpack shop.tar.gz ./release --json"),
      "rollback", List.of(
          "installer rollback --root /srv/shop   # to the newest good older release",
          "installer rollback --root /srv/shop --to 20261127T175320Z-AbC123",
          "installer rollback --root /srv/shop --restart-command 'systemctl restart x'"),
      "list", List.of(
          "installer list --root /srv/shop",
          "installer list --root /srv/shop --json"),
      "adopt", List.of(
          "installer adopt --root /srv/shop      # current/ becomes the first release",
          "installer list --root /srv/shop       # then see it listed"),
      "doctor", List.of(
          "installer doctor --root /srv/shop",
          "installer doctor --root /srv/shop --url https://shop.example/ --json"),
      "status", List.of(
          "installer status --root /srv/shop",
          "installer status --root /srv/shop --json   # what a fleet check compares"));
}
