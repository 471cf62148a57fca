package org.bookslakehouse.generate;

import java.util.SplittableRandom;

/** Word lists the value generators draw titles, names and places from. */
final class Words {
  private Words() {}

  static final String[] TITLE = {
    "the",
    "night",
    "river",
    "secret",
    "garden",
    "house",
    "of",
    "war",
    "love",
    "stone",
    "shadow",
    "winter",
    "summer",
    "king",
    "queen",
    "lost",
    "city",
    "dark",
    "light",
    "story",
    "book",
    "time",
    "journey",
    "blood",
    "heart",
    "sea",
    "island",
    "mountain",
    "dream",
    "fire",
    "ice",
    "wind",
    "children",
    "mother",
    "father",
    "daughter",
    "son",
    "world",
    "last",
    "first",
    "little",
    "great",
    "silent",
    "golden",
    "silver",
    "road",
    "home",
    "murder",
    "mystery",
    "guide",
    "art",
    "life",
    "death",
    "moon",
    "sun",
    "star",
    "wolf",
    "bird",
    "tree",
    "forest",
    "glass",
    "bridge",
    "letters",
    "memory",
    "promise",
    "angel",
    "devil",
    "empire",
    "kingdom",
    "history",
    "cooking",
    "gardening",
    "travel",
    "america",
    "england",
    "paris",
    "rome",
    "china",
    "africa",
    "ghost",
    "hunter",
    "witch",
    "dragon",
    "magic",
    "science",
    "body",
    "mind",
    "soul",
    "spirit",
    "truth",
    "lies",
    "game",
    "season",
    "door",
    "window",
    "room",
    "voice",
    "song"
  };

  static final String[] FIRST = {
    "John", "Mary", "James", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William",
    "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Charles", "Karen", "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Margaret", "Anthony",
    "Betty", "Mark", "Sandra", "Donald", "Ashley", "Steven", "Dorothy", "Paul", "Kimberly",
    "Andrew", "Emily", "Joshua", "Donna", "Kenneth", "Michelle", "Kevin", "Carol", "Brian",
    "Amanda", "George", "Melissa", "Edward", "Deborah", "Anne", "Peter", "Stephen", "Nora",
    "Hans", "Ingrid", "Pierre", "Marie", "Carlos", "Lucia"
  };

  static final String[] LAST = {
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Gomez",
    "Phillips",
    "Evans",
    "Turner",
    "Diaz",
    "Parker",
    "Cruz",
    "Edwards",
    "Collins",
    "Reyes",
    "Stewart",
    "Morris",
    "Morales",
    "Murphy",
    "Cook",
    "Rogers",
    "Gutierrez",
    "Ortiz",
    "Morgan",
    "Cooper",
    "Peterson",
    "Bailey",
    "Reed",
    "Kelly",
    "Howard",
    "Ramos",
    "Kim",
    "Cox",
    "Ward",
    "Richardson"
  };

  static final String[] PUBLISHER_SUFFIX = {
    "Press", "Books", "Publishing", "Inc", "Verlag", "Editions", "House", "Publishers", "Group"
  };

  /** Latin-1 text as it appears in the dump: accented letters, and UTF-8 read as Latin-1. */
  static final String[] NON_ASCII = {
    "M\u00fcller",
    "Jos\u00e9",
    "Fran\u00e7ois",
    "Se\u00f1or",
    "K\u00f6ln",
    "Cl\u00c3?\u00c2\u00a9",
    "L\u00c3?\u00c2\u00bcbbe",
    "Garc\u00eda",
    "Bj\u00f6rk",
    "S\u00e3o"
  };

  /** Numeric references of characters outside Latin-1, as the dump writes them. */
  static final String[] ENTITIES = {"&#304;", "&#351;", "&#287;", "&#305;", "&#1084;", "&#8217;"};

  static final String[] STATES = {
    "california",
    "texas",
    "new york",
    "ontario",
    "bayern",
    "madrid",
    "england",
    "queensland",
    "lombardia",
    "ile de france",
    "lisboa",
    "auckland",
    "noord-holland",
    "zurich",
    "sao paulo",
    "beijing",
    "stockholm",
    "maharashtra",
    "wien",
    "selangor",
    "buenos aires",
    "uusimaa",
    "hovedstaden",
    "jalisco",
    "antwerpen",
    "florida",
    "washington",
    "oregon",
    "illinois"
  };

  static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  static String pick(SplittableRandom rng, String[] words) {
    return words[rng.nextInt(words.length)];
  }

  /** A pronounceable place name, e.g. {@code borlanton}; {@code index} makes it reproducible. */
  static String place(long index) {
    String[] onsets = {"b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v"};
    String[] vowels = {"a", "e", "i", "o", "u", "ai", "ou"};
    String[] ends = {"ton", "ville", "burg", "field", "ford", "stad", "holm", "ia", "ham", ""};
    StringBuilder name = new StringBuilder();
    long rest = index;
    for (int syllable = 0; syllable < 2; syllable++) {
      name.append(onsets[(int) (rest % onsets.length)]);
      rest /= onsets.length;
      name.append(vowels[(int) (rest % vowels.length)]);
      rest /= vowels.length;
    }
    name.append(ends[(int) (rest % ends.length)]);
    rest /= ends.length;
    if (rest > 0) {
      name.append(' ').append(rest);
    }
    return name.toString();
  }
}
