package dev.slipway.packager.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Splits JavaScript or TypeScript source into the few kinds of token that finding imports needs,
 * dropping comments. Just enough lexing to know what is code: a {@code //} inside a string, a
 * template literal or a regular expression literal does not start a comment, and an {@code import}
 * inside a comment or a string is not an import.
 *
 * <p>Not a full lexer: punctuation comes one character at a time, numbers come as words, and
 * whether a {@code /} starts a regular expression is decided by the usual heuristic (the token
 * before it cannot end an expression).
 */
final class JsTokenizer {
  enum Kind {
    /** An identifier, keyword or number. */
    WORD,
    /** A quoted string, or a template literal without substitutions; text is its content. */
    STRING,
    /** A part of a template literal that has substitutions: no fixed value. */
    TEMPLATE,
    REGEX,
    /** One punctuation character. */
    PUNCT
  }

  record Token(Kind kind, String text) {
    boolean is(Kind expected, String value) {
      return kind == expected && text.equals(value);
    }
  }

  // After these words an expression starts, so a "/" there opens a regular expression.
  private static final Set<String> KEYWORDS_BEFORE_EXPRESSION =
      Set.of(
          "return",
          "typeof",
          "instanceof",
          "in",
          "of",
          "new",
          "delete",
          "void",
          "throw",
          "case",
          "do",
          "else",
          "yield",
          "await");
  // After these characters an expression starts too; after ")", "]", a word or a literal it ends.
  private static final String PUNCT_BEFORE_EXPRESSION = "(,=:[!&|?{};+-*%<>~^";

  private final String source;
  private final List<Token> tokens = new ArrayList<>();

  /** For each open "${": the depth of braces inside it, so its closing "}" can be told apart. */
  private final Deque<int[]> substitutions = new ArrayDeque<>();

  private int pos;

  private JsTokenizer(String source) {
    this.source = source;
  }

  static List<Token> tokenize(String source) {
    JsTokenizer tokenizer = new JsTokenizer(source);
    tokenizer.run();
    return List.copyOf(tokenizer.tokens);
  }

  private void run() {
    if (source.startsWith("#!")) {
      skipToLineEnd();
    }
    while (pos < source.length()) {
      char c = source.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '/' && peek(1) == '/') {
        skipToLineEnd();
      } else if (c == '/' && peek(1) == '*') {
        int end = source.indexOf("*/", pos + 2);
        pos = end < 0 ? source.length() : end + 2;
      } else if (c == '/' && regexAllowed()) {
        regex();
      } else if (c == '"' || c == '\'') {
        quoted(c);
      } else if (c == '`') {
        pos++;
        template(false);
      } else if (isWordChar(c)) {
        int start = pos;
        while (pos < source.length() && isWordChar(source.charAt(pos))) {
          pos++;
        }
        tokens.add(new Token(Kind.WORD, source.substring(start, pos)));
      } else {
        punct(c);
      }
    }
  }

  private void punct(char c) {
    pos++;
    if (!substitutions.isEmpty()) {
      int[] depth = substitutions.peek();
      if (c == '}' && depth[0] == 0) {
        substitutions.pop();
        template(true); // this "}" closes a "${": back inside the template literal
        return;
      }
      depth[0] += c == '{' ? 1 : c == '}' ? -1 : 0;
    }
    tokens.add(new Token(Kind.PUNCT, String.valueOf(c)));
  }

  private void quoted(char quote) {
    StringBuilder text = new StringBuilder();
    pos++;
    while (pos < source.length()) {
      char c = source.charAt(pos++);
      if (c == quote || c == '\n') {
        break; // an unterminated string ends at the line end, as the engine would refuse it there
      }
      if (c == '\\' && pos < source.length()) {
        c = source.charAt(pos++);
      }
      text.append(c);
    }
    tokens.add(new Token(Kind.STRING, text.toString()));
  }

  /**
   * Reads a template literal from just after its "`", or, as a {@code continuation}, from just
   * after a "}" that closes one of its "${".
   */
  private void template(boolean continuation) {
    StringBuilder text = new StringBuilder();
    while (pos < source.length()) {
      char c = source.charAt(pos++);
      if (c == '`') {
        tokens.add(new Token(continuation ? Kind.TEMPLATE : Kind.STRING, text.toString()));
        return;
      }
      if (c == '$' && peek(0) == '{') {
        pos++;
        tokens.add(new Token(Kind.TEMPLATE, "${"));
        substitutions.push(new int[] {0});
        return;
      }
      if (c == '\\' && pos < source.length()) {
        c = source.charAt(pos++);
      }
      text.append(c);
    }
    tokens.add(new Token(Kind.TEMPLATE, text.toString()));
  }

  private void regex() {
    int start = pos++;
    boolean inClass = false;
    while (pos < source.length()) {
      char c = source.charAt(pos++);
      if (c == '\\') {
        pos++;
      } else if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if ((c == '/' && !inClass) || c == '\n') {
        break;
      }
    }
    while (pos < source.length() && Character.isLetter(source.charAt(pos))) {
      pos++; // flags
    }
    tokens.add(new Token(Kind.REGEX, source.substring(start, Math.min(pos, source.length()))));
  }

  private boolean regexAllowed() {
    if (tokens.isEmpty()) {
      return true;
    }
    Token previous = tokens.get(tokens.size() - 1);
    return switch (previous.kind()) {
      case PUNCT ->
          PUNCT_BEFORE_EXPRESSION.contains(previous.text()) || previous.text().equals("}");
      case WORD -> KEYWORDS_BEFORE_EXPRESSION.contains(previous.text());
      case TEMPLATE -> previous.text().equals("${");
      default -> false;
    };
  }

  private void skipToLineEnd() {
    int end = source.indexOf('\n', pos);
    pos = end < 0 ? source.length() : end + 1;
  }

  private char peek(int offset) {
    int at = pos + offset;
    return at < source.length() ? source.charAt(at) : '\0';
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
