package dev.slipway.templates;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Parses rendered web.config text the way a strict XML reader would, and queries it by XPath. */
final class Xml {
  private Xml() {}

  static Document parse(String text) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setNamespaceAware(false);
      return factory
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("rendered text is not well-formed XML: " + e.getMessage() + "\n" + text, e);
    }
  }

  static String string(Node context, String xpath) {
    try {
      return (String) XPathFactory.newInstance().newXPath().evaluate(xpath, context, XPathConstants.STRING);
    } catch (XPathExpressionException e) {
      throw new IllegalArgumentException(xpath, e);
    }
  }

  static List<Node> nodes(Node context, String xpath) {
    try {
      NodeList list =
          (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, context, XPathConstants.NODESET);
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < list.getLength(); i++) {
        out.add(list.item(i));
      }
      return out;
    } catch (XPathExpressionException e) {
      throw new IllegalArgumentException(xpath, e);
    }
  }

  static List<Element> elements(Node context, String xpath) {
    List<Element> out = new ArrayList<>();
    for (Node n : nodes(context, xpath)) {
      out.add((Element) n);
    }
    return out;
  }

  static List<String> strings(Node context, String xpath) {
    List<String> out = new ArrayList<>();
    for (Node n : nodes(context, xpath)) {
      out.add(n.getNodeValue() != null ? n.getNodeValue() : n.getTextContent());
    }
    return out;
  }
}
