package org.bookslakehouse.silver;

import java.io.IOException;
import java.io.Writer;
import org.apache.commons.text.translate.AggregateTranslator;
import org.apache.commons.text.translate.CharSequenceTranslator;
import org.apache.commons.text.translate.EntityArrays;
import org.apache.commons.text.translate.LookupTranslator;

/**
 * Decodes the HTML 4 character references of BX text in one pass.
 *
 * <p>Named entities come from commons-text's HTML 4 tables ({@link EntityArrays}), exactly as
 * {@code StringEscapeUtils.unescapeHtml4} uses them: case-sensitive names, {@code ;} required
 * ({@code &amp;} is decoded, {@code &amp}, {@code &AMP;}, {@code &apos;} and {@code &foo;} are
 * not).
 *
 * <p>Numeric references ({@code &#304;}, {@code &#x130;}, {@code &#X130;}) are decoded by {@link
 * NumericReferences} instead of commons-text's {@code NumericEntityUnescaper}, which throws {@link
 * IllegalArgumentException} for a code point above U+10FFFF that still fits in an {@code int}
 * ({@code &#1114112;}; one bad row would fail the whole batch) and decodes {@code &#0;} and lone
 * surrogates ({@code &#xD800;}) into characters that are not valid text.
 */
// the Javadoc quotes HTML entities as BX data holds them, so they must render literally
@SuppressWarnings("EscapedEntity")
final class HtmlEntities {
  private static final CharSequenceTranslator UNESCAPE_HTML4 =
      new AggregateTranslator(
          new LookupTranslator(EntityArrays.BASIC_UNESCAPE),
          new LookupTranslator(EntityArrays.ISO8859_1_UNESCAPE),
          new LookupTranslator(EntityArrays.HTML40_EXTENDED_UNESCAPE),
          new NumericReferences());

  private HtmlEntities() {}

  /**
   * Decodes every HTML 4 named entity and numeric character reference that ends in {@code ;};
   * everything else is kept as written. Decoded text is not scanned again, so {@code &amp;amp;}
   * becomes {@code &amp;}.
   */
  static String decode(String text) {
    if (text == null || text.indexOf('&') < 0) {
      return text;
    }
    return UNESCAPE_HTML4.translate(text);
  }

  /**
   * Whether a code point is a character of the HTML 4 document character set: the SGML declaration
   * of HTML 4.01 (section 20.1) marks 0-8, 11, 12, 14-31, 127-159 and the surrogates D800-DFFF as
   * UNUSED, and Unicode ends at 10FFFF.
   */
  static boolean isHtml4Character(long codePoint) {
    return codePoint == '\t'
        || codePoint == '\n'
        || codePoint == '\r'
        || (codePoint >= 0x20 && codePoint <= 0x7E)
        || (codePoint >= 0xA0 && codePoint <= 0xD7FF)
        || (codePoint >= 0xE000 && codePoint <= Character.MAX_CODE_POINT);
  }

  /**
   * Decodes {@code &#DDD;} and {@code &#xHHH;} (ASCII digits, any number of leading zeros, {@code
   * ;} required) when the code point is an HTML 4 character; any other reference is left as is.
   */
  private static final class NumericReferences extends CharSequenceTranslator {
    private static final long TOO_LARGE = Character.MAX_CODE_POINT + 1L;

    @Override
    public int translate(CharSequence input, int index, Writer out) throws IOException {
      int length = input.length();
      if (input.charAt(index) != '&' || index + 2 >= length || input.charAt(index + 1) != '#') {
        return 0;
      }
      int pos = index + 2;
      int radix = 10;
      if (input.charAt(pos) == 'x' || input.charAt(pos) == 'X') {
        radix = 16;
        pos += 1;
      }
      int firstDigit = pos;
      long codePoint = 0;
      while (pos < length) {
        int digit = asciiDigit(input.charAt(pos), radix);
        if (digit < 0) {
          break;
        }
        // saturate instead of overflowing: anything above U+10FFFF is rejected anyway
        codePoint = Math.min(codePoint * radix + digit, TOO_LARGE);
        pos += 1;
      }
      if (pos == firstDigit || pos >= length || input.charAt(pos) != ';') {
        return 0;
      }
      if (!isHtml4Character(codePoint)) {
        return 0;
      }
      out.write(Character.toChars((int) codePoint));
      return pos + 1 - index;
    }

    private static int asciiDigit(char ch, int radix) {
      if (ch >= '0' && ch <= '9') {
        return ch - '0';
      } else if (radix == 16 && ch >= 'a' && ch <= 'f') {
        return ch - 'a' + 10;
      } else if (radix == 16 && ch >= 'A' && ch <= 'F') {
        return ch - 'A' + 10;
      }
      return -1;
    }
  }
}
