package dev.slipway.installer.platform;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the Windows preflight learns about {@code --iis-site} before anything is unpacked (issue
 * #25, item 4): appcmd.exe exists, the site and application exist, and which app pool and identity
 * serve them. The identity is reported, not checked: whether it may read the release folder is
 * decided by ACLs that can come from groups and inheritance, which we cannot always evaluate.
 *
 * @param appPool the application's pool, the one {@code appcmd recycle apppool} restarts
 * @param identity the account the pool runs as, e.g. {@code IIS AppPool\shop}
 */
public record IisSite(IisTarget target, String appPool, String identity) {

  /**
   * @throws SlipwayException WEB_SERVER {@code IIS_APPCMD_MISSING}, {@code IIS_SITE_MISSING}
   */
  public static IisSite find(Appcmd appcmd, CommandRunner runner, IisTarget target)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(appcmd.exe())) {
      throw new SlipwayException(FailureKind.WEB_SERVER, "IIS_APPCMD_MISSING",
          "--iis-site was given but " + appcmd.exe() + " does not exist: IIS, or its management tools, are not installed",
          null,
          "install IIS with its management scripts and tools (PowerShell: Install-WindowsFeature Web-Server,Web-Scripting-Tools),"
              + " or leave --iis-site out and point the site at ROOT\\current yourself (docs/WINDOWS.md)");
    }
    CommandRunner.Result site = runner.run(appcmd.listSite(target));
    if (!site.succeeded() || site.output().isBlank()) {
      throw missing("IIS site '" + target.site() + "'", site,
          "list the sites with `" + WindowsCommandLine.of(java.util.List.of(appcmd.exe().toString(), "list", "site"))
              + "` and pass the name as IIS Manager shows it");
    }
    CommandRunner.Result pool = runner.run(appcmd.appPoolOf(target));
    if (!pool.succeeded() || pool.output().isBlank()) {
      throw missing(target.describe(), pool,
          "list the applications with `" + WindowsCommandLine.of(java.util.List.of(appcmd.exe().toString(), "list", "app"))
              + "`; --iis-app is the application's virtual path, e.g. /shop");
    }
    String poolName = firstLine(pool.output());
    return new IisSite(target, poolName, identity(appcmd, runner, poolName));
  }

  /**
   * What to tell the operator about read access: the pool identity needs read and execute on the
   * release folders (and write on the iisnode log folder, when iisnode is used).
   */
  public String readAccessNote(Path root) {
    return "the app pool '" + appPool + "' runs as " + identity + ", which must be able to read " + root
        + "\\releases (Slipway cannot always check ACLs): icacls \"" + root + "\" /grant \"" + identity
        + "\":(OI)(CI)RX";
  }

  private static String identity(Appcmd appcmd, CommandRunner runner, String pool)
      throws IOException, InterruptedException {
    CommandRunner.Result type = runner.run(appcmd.identityTypeOf(pool));
    String kind = type.succeeded() ? firstLine(type.output()) : "";
    switch (kind) {
      case "", "ApplicationPoolIdentity":
        return "IIS AppPool\\" + pool; // the default, also when the attribute is not set
      case "NetworkService":
        return "NT AUTHORITY\\NETWORK SERVICE";
      case "LocalService":
        return "NT AUTHORITY\\LOCAL SERVICE";
      case "LocalSystem":
        return "NT AUTHORITY\\SYSTEM";
      default:
        CommandRunner.Result user = runner.run(appcmd.userNameOf(pool));
        return user.succeeded() && !user.output().isBlank() ? firstLine(user.output()) : kind;
    }
  }

  private static SlipwayException missing(String what, CommandRunner.Result answer, String fix) {
    return new SlipwayException(FailureKind.WEB_SERVER, "IIS_SITE_MISSING",
        what + " does not exist on this server (appcmd exited with " + answer.exitCode() + "); nothing was changed",
        Optional.of(answer.output()).filter(s -> !s.isBlank()).orElse(null), fix);
  }

  static String firstLine(String text) {
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    return (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
  }
}
