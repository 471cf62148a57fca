package org.bookslakehouse.silver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CleansingLocationTest {

  private static Arguments location(String raw, String city, String state, String country) {
    return arguments(raw, new Location(city, state, country));
  }

  static Stream<Arguments> threeParts() {
    return Stream.of(
        location("nyc, new york, usa", "nyc", "new york", "usa"),
        location("stockton, california, usa", "stockton", "california", "usa"),
        location("porto, v.n.gaia, portugal", "porto", "v.n.gaia", "portugal"),
        location("madrid, n/a, spain", "madrid", null, "spain"),
        location("n/a, n/a, australia", null, null, "australia"),
        location("N/A, N/a, n/A", null, null, null),
        location("  berlin  ,  n/a ,germany  ", "berlin", null, "germany"),
        location("berlin,,germany", "berlin", null, "germany"),
        location(",,", null, null, null),
        location(" , , ", null, null, null),
        // real users whose state the dump wrote in escaped quotes, \"n/a\"
        location("kuala lumpur, \"n/a\", malaysia", "kuala lumpur", null, "malaysia"),
        location("portugal, \" n/a\", portugal", "portugal", null, "portugal"),
        location("x, \"\", y", "x", null, "y"),
        // other quoted parts are kept as they are
        location("lleida, \"catalunya\", spain", "lleida", "\"catalunya\"", "spain"),
        location("d\u00fcsseldorf, \"na\", germany", "d\u00fcsseldorf", "\"na\"", "germany"),
        location("groningen, \"n/a, netherlands", "groningen", "\"n/a", "netherlands"),
        location("manila, \"n/a`, philippines", "manila", "\"n/a`", "philippines"),
        // only n/a itself is not available
        location("na, n.a., none", "na", "n.a.", "none"),
        location("x, n/a/b, y", "x", "n/a/b", "y"));
  }

  @ParameterizedTest
  @MethodSource("threeParts")
  void splitsThreePartsIntoCityStateCountry(String raw, Location expected) {
    assertThat(Cleansing.location(raw)).isEqualTo(expected);
  }

  static Stream<Arguments> fewerParts() {
    return Stream.of(
        location("london", "london", null, null),
        location("  london  ", "london", null, null),
        location("n/a", null, null, null),
        location("london, england", "london", "england", null),
        location("london, ", "london", null, null),
        location(", england", null, "england", null),
        // real users
        location("lisbon, \"n/a\",", "lisbon", null, null),
        location("weston, ,", "weston", null, null),
        location("lk, jlk,", "lk", "jlk", null));
  }

  @ParameterizedTest
  @MethodSource("fewerParts")
  void leavesMissingPartsNull(String raw, Location expected) {
    assertThat(Cleansing.location(raw)).isEqualTo(expected);
  }

  static Stream<Arguments> moreParts() {
    return Stream.of(
        // real users of the dump
        location(
            "guadalajara,, jalisco, mexico, mexico", "guadalajara", "jalisco, mexico", "mexico"),
        location("mexico, city, mexico, city, mexico", "mexico", "city, mexico, city", "mexico"),
        location(
            "schiltigheim, france, alsace, bas rhin, france",
            "schiltigheim",
            "france, alsace, bas rhin",
            "france"),
        location(
            "nanaimo, bc, v9v 1h4, british columbia, canada",
            "nanaimo",
            "bc, v9v 1h4, british columbia",
            "canada"),
        location(
            "karachi,sindh,pakistan, sindh, pakistan",
            "karachi",
            "sindh, pakistan, sindh",
            "pakistan"),
        location(
            "addiscombe, croydon, england,, united kingdom",
            "addiscombe",
            "croydon, england",
            "united kingdom"),
        // four parts
        location("a, b, c, d", "a", "b, c", "d"),
        location("a, n/a, c, d", "a", "c", "d"),
        location("a, n/a, , d", "a", null, "d"),
        location("a,,,d", "a", null, "d"),
        location("a, b, c, ", "a", "b, c", null),
        location("n/a, b, c, n/a", null, "b, c", null),
        location(",,,", null, null, null),
        // five parts
        location("a, b, c, d, e", "a", "b, c, d", "e"),
        location("a, n/a, c, \"n/a\", e", "a", "c", "e"),
        location("a, , , , e", "a", null, "e"));
  }

  @ParameterizedTest
  @MethodSource("moreParts")
  void joinsTheMiddlePartsIntoTheState(String raw, Location expected) {
    assertThat(Cleansing.location(raw)).isEqualTo(expected);
  }

  static Stream<Arguments> cleansedAsText() {
    return Stream.of(
        // real users with numeric character references
        location("&#304;zmir, n/a, turkey", "\u0130zmir", null, "turkey"),
        location("&#305;stanbul, istanbul, turkey", "\u0131stanbul", "istanbul", "turkey"),
        location(
            "&#321;\u00f3d&#378;, lodzkie, poland", "\u0141\u00f3d\u017a", "lodzkie", "poland"),
        location(
            "sdsdddddd, &#38463;&#25289;&#26031;&#21152;, &#32654;&#22269;",
            "sdsdddddd",
            "\u963f\u62c9\u65af\u52a0",
            "\u7f8e\u56fd"),
        // the bare LF inside the quoted location of real user 275081
        location("cernusco s\n, milan, italy", "cernusco s", "milan", "italy"),
        location(
            "cernusco\r\nsul naviglio, milan, italy", "cernusco sul naviglio", "milan", "italy"),
        location("new\t\tyork,   new  york , usa", "new york", "new york", "usa"),
        // a decoded comma splits, a fullwidth comma does not
        location("a&#44; b, c", "a", "b", "c"),
        location("\u5317\u4eac&#65292;\u4e2d\u56fd", "\u5317\u4eac\uff0c\u4e2d\u56fd", null, null),
        // entities without ';' are kept, and so is an n/a spelled with an entity
        location("b&h, n/a, usa", "b&h", null, "usa"),
        location("sarajevo, n/a, bosnia&herzegovina", "sarajevo", null, "bosnia&herzegovina"),
        location("x, n&#47;a, y", "x", null, "y"),
        location("x, &amp, y", "x", "&amp", "y"),
        // a no-break space is not trimmed
        location("x,&nbsp;, y", "x", "\u00a0", "y"));
  }

  @ParameterizedTest
  @MethodSource("cleansedAsText")
  void cleansesTheLocationAsTextFirst(String raw, Location expected) {
    assertThat(Cleansing.location(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\r\n", "&#32;"})
  void unknownWithoutALocation(String raw) {
    assertThat(Cleansing.location(raw)).isEqualTo(Location.UNKNOWN);
    assertThat(Location.UNKNOWN).isEqualTo(new Location(null, null, null));
  }
}
