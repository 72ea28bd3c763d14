package dev.slipway.dist;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS server on 127.0.0.1 with a fresh EC certificate (made by the build JDK's keytool), which
 * answers 200 to every GET: to check that the bundle's trimmed runtime speaks TLS (its elliptic
 * curves live in jdk.crypto.ec, which jdeps cannot see). The key store doubles as the trust store
 * the client is given.
 */
final class LoopbackHttps implements AutoCloseable {
  static final String PASSWORD = "changeit";

  private final HttpsServer server;
  final Path keyStore;

  private LoopbackHttps(HttpsServer server, Path keyStore) {
    this.server = server;
    this.keyStore = keyStore;
  }

  static LoopbackHttps start(Path dir) throws Exception {
    Path keyStore = dir.resolve("loopback.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Command.run(dir.resolve("logs"), Map.of(), dir, List.of(keytool.toString(), "-genkeypair", "-alias", "loopback",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
        "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD)).succeeded();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    return new LoopbackHttps(server, keyStore);
  }

  String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** JVM options that make a client trust this server's certificate, after the launchers' own. */
  String trustOptions() {
    return "-Xmx256m -XX:+UseSerialGC -Djavax.net.ssl.trustStore=" + keyStore
        + " -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword=" + PASSWORD;
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
  }
}
