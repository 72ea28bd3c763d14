package dev.slipway.installer.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code appcmd.exe} command lines the IIS switch runs (issue #25), built in one place so the
 * tests can pin them. Identifiers are passed as positional arguments ({@code appcmd set vdir
 * "Default Web Site/"}), the form Microsoft's appcmd documentation uses; values as {@code
 * /name:value} in one argument, which the JDK quotes whole when it holds a space.
 *
 * @param exe the full path of appcmd.exe
 */
public record Appcmd(Path exe) {

  /** Where IIS installs it: {@code %windir%\system32\inetsrv\appcmd.exe}. */
  public static Appcmd ofWindows(Map<String, String> env) {
    String windir = variable(env, "windir").or(() -> variable(env, "SystemRoot")).orElse("C:\\Windows");
    return new Appcmd(Path.of(windir, "system32", "inetsrv", "appcmd.exe"));
  }

  /** Windows names variables case-insensitively ({@code windir}, {@code WINDIR}); a copied map does not. */
  private static java.util.Optional<String> variable(Map<String, String> env, String name) {
    return env.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
        .filter(value -> !value.isBlank()).findFirst();
  }

  /** Exits 0 and prints {@code SITE "NAME" (id:…)} when the site exists; exits 1 otherwise. */
  public List<String> listSite(IisTarget target) {
    return List.of(exe.toString(), "list", "site", target.site());
  }

  /** Prints the application's app pool name; exits 1 when there is no such application. */
  public List<String> appPoolOf(IisTarget target) {
    return List.of(exe.toString(), "list", "app", target.appId(), "/text:applicationPool");
  }

  /** Prints ApplicationPoolIdentity, NetworkService, LocalSystem, LocalService or SpecificUser. */
  public List<String> identityTypeOf(String appPool) {
    return List.of(exe.toString(), "list", "apppool", appPool, "/text:processModel.identityType");
  }

  /** The user name of a SpecificUser identity. */
  public List<String> userNameOf(String appPool) {
    return List.of(exe.toString(), "list", "apppool", appPool, "/text:processModel.userName");
  }

  /** Prints the physical path the application's root virtual directory serves now. */
  public List<String> physicalPathOf(IisTarget target) {
    return List.of(exe.toString(), "list", "vdir", target.vdirId(), "/text:physicalPath");
  }

  /** Points the application's root virtual directory at {@code folder}. */
  public List<String> setPhysicalPath(IisTarget target, Path folder) {
    return List.of(exe.toString(), "set", "vdir", target.vdirId(), "/physicalPath:" + folder);
  }

  /**
   * Recycles the pool: IIS starts a new worker process and lets the old one finish the requests it
   * has (overlapped recycling, IIS's default), so in-flight requests are not cut.
   */
  public List<String> recycle(String appPool) {
    return List.of(exe.toString(), "recycle", "apppool", appPool);
  }
}
