package dev.slipway.installer.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * What a release's {@code web.config} tells IIS to start: the handler path of an iisnode handler
 * ({@code <add modules="iisnode" path="server.js"/>}) or the first argument of HttpPlatformHandler
 * ({@code <httpPlatform arguments=".\server.js"/>}), as a release-relative path with {@code /}
 * separators. A reverse-proxy web.config (or one without either) names no entry.
 *
 * <p>Parsed as XML with DTDs and external entities refused: the file is read from a folder an
 * attacker may have written to.
 */
record WebConfig(String kind, Optional<String> entry) {

  static final String IISNODE = "iisnode";
  static final String HTTPPLATFORM = "httpplatform";
  static final String OTHER = "other";

  /**
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException when it is not well-formed XML
   */
  static WebConfig read(Path file) throws IOException {
    Document doc;
    try (InputStream in = Files.newInputStream(file)) {
      doc = parser().parse(in);
    } catch (SAXException e) {
      throw new IllegalArgumentException("web.config is not well-formed XML: " + e.getMessage(), e);
    }
    NodeList adds = doc.getElementsByTagName("add");
    for (int i = 0; i < adds.getLength(); i++) {
      Element add = (Element) adds.item(i);
      if (add.getParentNode() instanceof Element parent && parent.getTagName().equals("handlers")
          && add.getAttribute("modules").trim().equalsIgnoreCase("iisnode")) {
        return new WebConfig(IISNODE, Optional.of(normalize(add.getAttribute("path"))));
      }
    }
    NodeList platforms = doc.getElementsByTagName("httpPlatform");
    if (platforms.getLength() > 0) {
      String arguments = ((Element) platforms.item(0)).getAttribute("arguments").trim();
      String first = firstArgument(arguments);
      return new WebConfig(HTTPPLATFORM, first.isEmpty() ? Optional.empty() : Optional.of(normalize(first)));
    }
    return new WebConfig(OTHER, Optional.empty());
  }

  /** {@code ".\server.js"} or {@code "\"./my server.js\" --flag"} → the first argument, unquoted. */
  static String firstArgument(String arguments) {
    if (arguments.startsWith("\"")) {
      int end = arguments.indexOf('"', 1);
      return end < 0 ? arguments.substring(1) : arguments.substring(1, end);
    }
    int space = arguments.indexOf(' ');
    return space < 0 ? arguments : arguments.substring(0, space);
  }

  /** {@code .\server.js} → {@code server.js}; {@code dist\server.js} → {@code dist/server.js}. */
  static String normalize(String path) {
    String slashed = path.trim().replace('\\', '/');
    while (slashed.startsWith("./")) {
      slashed = slashed.substring(2);
    }
    return slashed;
  }

  private static DocumentBuilder parser() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler()); // errors are thrown, not printed
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
