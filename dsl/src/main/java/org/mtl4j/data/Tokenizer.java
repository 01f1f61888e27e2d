package org.mtl4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into tokens: lower-case in the root locale, apostrophes removed, then every maximal
 * run of Unicode letters and digits is a token.
 *
 * <p>Example: {@code Tokenizer.tokens("Don't buy it: 2 STARS!")} is {@code [dont, buy, it, 2,
 * stars]}.
 */
public final class Tokenizer {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern APOSTROPHE = Pattern.compile("['\u2019]");

    private Tokenizer() {}

    /** The tokens of {@code text}, in order, repeats kept. */
    public static List<String> tokens(String text) {
        String clean = APOSTROPHE.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
        Matcher matcher = TOKEN.matcher(clean);
        List<String> tokens = new ArrayList<>();
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }
}
