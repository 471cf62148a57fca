package org.bookslakehouse.silver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.apache.commons.text.StringEscapeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CleansingTextTest {

  static Stream<Arguments> namedEntities() {
    return Stream.of(
        // real titles, authors and publishers of the books dump
        arguments("W. W. Norton &amp; Company", "W. W. Norton & Company"),
        arguments("Angels &amp; Demons", "Angels & Demons"),
        arguments("Mary-Kate &amp; Ashley Olsen", "Mary-Kate & Ashley Olsen"),
        arguments(
            "Droemersche Verlagsanstalt Th. Knaur Nachf., GmbH &amp; Co.",
            "Droemersche Verlagsanstalt Th. Knaur Nachf., GmbH & Co."),
        arguments("&lt;b&gt;bold&lt;/b&gt;", "<b>bold</b>"),
        arguments("&quot;Essentials&quot;", "\"Essentials\""),
        // ISO 8859-1 and the other HTML 4 names
        arguments("Cl&eacute;zio", "Cl\u00e9zio"),
        arguments("&Agrave;&agrave;&szlig;", "\u00c0\u00e0\u00df"),
        arguments("&OElig;uvre &trade; &hellip;", "\u0152uvre \u2122 \u2026"),
        arguments("5 &euro;", "5 \u20ac"),
        arguments("&Alpha;&omega;", "\u0391\u03c9"));
  }

  @ParameterizedTest
  @MethodSource("namedEntities")
  void decodesHtml4NamedEntities(String raw, String expected) {
    assertThat(Cleansing.text(raw)).isEqualTo(expected);
  }

  static Stream<Arguments> numericReferences() {
    return Stream.of(
        // real locations of the users dump
        arguments("&#304;zmir, n/a, turkey", "\u0130zmir, n/a, turkey"),
        arguments("&#321;\u00f3d&#378;, lodzkie, poland", "\u0141\u00f3d\u017a, lodzkie, poland"),
        arguments("nanchong, &#22235;&#24029;, china", "nanchong, \u56db\u5ddd, china"),
        arguments(
            "sdsdddddd, &#38463;&#25289;&#26031;&#21152;, &#32654;&#22269;",
            "sdsdddddd, \u963f\u62c9\u65af\u52a0, \u7f8e\u56fd"),
        // a fullwidth comma is a character like any other
        arguments("&#65292;", "\uff0c"),
        // hexadecimal, either case of x and of the digits
        arguments("&#x130;zmir", "\u0130zmir"),
        arguments("&#X130;zmir", "\u0130zmir"),
        arguments("&#x2019;s", "\u2019s"),
        arguments("&#x2019;&#X2019;&#x20Ac;", "\u2019\u2019\u20ac"),
        // leading zeros
        arguments("&#065;", "A"),
        arguments("&#0000000000065;", "A"),
        arguments("&#x0041;", "A"),
        // beyond the Basic Multilingual Plane: a surrogate pair
        arguments("&#128512;", "\ud83d\ude00"),
        arguments("&#x1F600;", "\ud83d\ude00"),
        arguments("&#x10FFFF;", new String(Character.toChars(0x10FFFF))),
        // next to each other and to text
        arguments("&#65;&#66;&#67;", "ABC"),
        arguments("x&#65;y", "xAy"),
        arguments("&#38;", "&"),
        arguments("&#160;", "\u00a0"));
  }

  @ParameterizedTest
  @MethodSource("numericReferences")
  void decodesNumericCharacterReferences(String raw, String expected) {
    assertThat(Cleansing.text(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // an ampersand that starts no reference
        "b&h",
        "AT&T",
        "Black & White",
        "&",
        "x&",
        "&&",
        "& amp;",
        // real users: "bosnia & herzegovina" written without spaces
        "sarajevo, n/a, bosnia&herzegovina",
        // no ';'
        "&amp",
        "Simon &amp Schuster",
        "&#304",
        "&#304zmir",
        "&#x130",
        "&#",
        "&#x",
        "&amp ;",
        // unknown or wrongly spelled names: HTML 4 names are case-sensitive
        "&foo;",
        "&AMP;",
        "&Amp;",
        "&EACUTE;",
        // &apos; is XML and HTML 5, not HTML 4
        "&apos;",
        // malformed numeric references
        "&#;",
        "&#x;",
        "&#-1;",
        "&#+65;",
        "&# 65;",
        "&#65abc;",
        "&#x-41;",
        "&#xg;",
        "&#1e3;",
        // not characters of HTML 4: NUL, controls (C0 and C1), surrogates, beyond Unicode
        "&#0;",
        "&#1;",
        "&#8;",
        "&#11;",
        "&#12;",
        "&#27;",
        "&#127;",
        "&#128;",
        "&#150;",
        "&#159;",
        "&#xD800;",
        "&#xDC00;",
        "&#55296;",
        "&#1114112;",
        "&#x110000;",
        "&#9999999;",
        "&#2147483647;",
        "&#x7FFFFFFF;",
        "&#2147483648;",
        "&#99999999999;",
        "&#xFFFFFFFF;",
        "&#xFFFFFFFFFF;",
        "&#99999999999999999999999999999999;",
        // non-ASCII digits are not digits of a reference (Arabic-Indic, fullwidth)
        "&#\u0666\u0665;",
        "&#\uff16\uff15;"
      })
  void keepsEverythingElseAsWritten(String raw) {
    assertThat(Cleansing.text(raw)).isEqualTo(raw);
  }

  @Test
  void commonsTextDiffersOnReferencesThatAreNotCharacters() {
    // why HtmlEntities has its own numeric translator: unescapeHtml4 throws on code points above
    // U+10FFFF that fit in an int, and decodes NUL, controls and lone surrogates
    assertThat(StringEscapeUtils.unescapeHtml4("&#0;")).isEqualTo("\u0000");
    assertThat(StringEscapeUtils.unescapeHtml4("&#xD800;")).isEqualTo("\ud800");
    assertThat(StringEscapeUtils.unescapeHtml4("&#150;")).isEqualTo("\u0096");
    assertThatThrownBy(() -> StringEscapeUtils.unescapeHtml4("&#1114112;"))
        .isInstanceOf(IllegalArgumentException.class);
    // but it agrees on the rest
    for (String raw : new String[] {"&amp", "&#304", "&foo;", "&AMP;", "&apos;", "&amp;amp;"}) {
      assertThat(Cleansing.text(raw)).isEqualTo(StringEscapeUtils.unescapeHtml4(raw));
    }
  }

  @ParameterizedTest
  @MethodSource("partialReferences")
  void decodesOnlyTheReferencesThatEndInSemicolons(String raw, String expected) {
    assertThat(Cleansing.text(raw)).isEqualTo(expected);
  }

  static Stream<Arguments> partialReferences() {
    return Stream.of(
        arguments("&#65;&#66", "A&#66"),
        arguments("&#65&#66;", "&#65B"),
        arguments("&#x41;&#x42", "A&#x42"),
        arguments("&amp&amp;", "&amp&"),
        arguments("&foo;&amp;", "&foo;&"),
        arguments("b&h &amp; co", "b&h & co"),
        arguments("&&amp;;", "&&;"),
        arguments("&#&#65;", "&#A"));
  }

  @ParameterizedTest
  @MethodSource("decodedOnce")
  void decodesOnce(String raw, String expected) {
    assertThat(Cleansing.text(raw)).isEqualTo(expected);
  }

  static Stream<Arguments> decodedOnce() {
    return Stream.of(
        arguments("&amp;amp;", "&amp;"),
        arguments("&amp;amp;amp;", "&amp;amp;"),
        arguments("&amp;#304;", "&#304;"),
        arguments("&#38;amp;", "&amp;"),
        arguments("&#38;#304;", "&#304;"),
        arguments("&amp;lt;", "&lt;"),
        arguments("&#x26;#x130;", "&#x130;"));
  }

  static Stream<Arguments> whiteSpace() {
    return Stream.of(
        arguments("  The   Da Vinci\tCode \r\n", "The Da Vinci Code"),
        // the bare LF inside the quoted location of real user 275081
        arguments("cernusco s\n, milan, italy", "cernusco s , milan, italy"),
        arguments("a\r\nb", "a b"),
        arguments("a\f\u000Bb", "a b"),
        arguments("\t\ta \t b\t\t", "a b"),
        arguments("a \n \r \t \f \u000B b", "a b"),
        // white space written as references is decoded first, then folded
        arguments("a&#10;b", "a b"),
        arguments("a&#13;&#10;b", "a b"),
        arguments("&#9;title&#32;", "title"),
        arguments("a&#32;&#32; b", "a b"),
        // other spaces are kept: no-break space (also from &nbsp;), ideographic space
        arguments("a&nbsp;b", "a\u00a0b"),
        arguments(" &nbsp; ", "\u00a0"),
        arguments("a\u00a0 b", "a\u00a0 b"),
        arguments("a\u3000b", "a\u3000b"),
        // other control characters are not white space here
        arguments("a\u0000b", "a\u0000b"),
        arguments("a\u001cb", "a\u001cb"),
        arguments("a\u0085b", "a\u0085b"));
  }

  @ParameterizedTest
  @MethodSource("whiteSpace")
  void trimsAndFoldsWhiteSpace(String raw, String expected) {
    assertThat(Cleansing.text(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "   ", "\t", "\r\n", " \f\u000B ", "&#32;", "&#10;&#9;", " &#13; "})
  void emptyBecomesNull(String raw) {
    assertThat(Cleansing.text(raw)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Of Mice and Men (Steinbeck \"Essentials\")",
        "Schwarzer Tee mit drei St\u00c3\u00bcck Zucker",
        "Jean-Marie Gustave Le Cl\u00c3?\u00c2\u00a9zio",
        "L\u00c3?\u00c2\u00bcbbe",
        "Kabale Und Liebe",
        "\ud83d\ude00 x",
        "semi;colon",
        "NULL",
        "n/a"
      })
  void keepsCleanTextUnchanged(String raw) {
    assertThat(Cleansing.text(raw)).isEqualTo(raw);
  }
}
