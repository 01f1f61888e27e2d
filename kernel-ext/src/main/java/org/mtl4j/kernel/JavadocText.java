package org.mtl4j.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A javadoc comment as JShell returns it (raw: HTML and inline tags) turned into plain text for
 * the inspect pane: {@code {@code x}}, {@code {@link A#b label}} and the like become their text,
 * paragraphs become blank lines, other HTML tags are dropped and entities decoded. Block tags stay
 * as they are ({@code @param x ...}).
 *
 * <p>Example: {@code plain("Creates a {@code NDManager}.<p>See {@link Device}.")} is {@code
 * "Creates a NDManager.\n\nSee Device."}.
 */
final class JavadocText {

    /** An inline tag; group 1 the tag name, group 2 its text. */
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(\\w+)\\s*([^{}]*)}");
    private static final Pattern PARAGRAPH = Pattern.compile("(?i)\\s*<(p|br)\\s*/?>\\s*");
    private static final Pattern LIST_ITEM = Pattern.compile("(?i)\\s*<li>\\s*");
    private static final Pattern TAG = Pattern.compile("(?i)</?[a-z][a-z0-9]*(\\s[^<>]*)?/?>");

    private JavadocText() {}

    static String plain(String javadoc) {
        String text = javadoc;
        // innermost tags first, so {@link A {@code b}} also works
        for (int i = 0; i < 4 && INLINE_TAG.matcher(text).find(); i++) {
            Matcher tag = INLINE_TAG.matcher(text);
            StringBuilder replaced = new StringBuilder();
            while (tag.find()) {
                tag.appendReplacement(replaced, Matcher.quoteReplacement(inline(tag.group(1),
                        tag.group(2).strip())));
            }
            text = tag.appendTail(replaced).toString();
        }
        text = PARAGRAPH.matcher(text).replaceAll("\n\n");
        text = LIST_ITEM.matcher(text).replaceAll("\n  - ");
        text = TAG.matcher(text).replaceAll("");
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&nbsp;", " ").replace("&amp;", "&");
        StringBuilder lines = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            lines.append(line.strip()).append('\n');
        }
        return lines.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String inline(String name, String body) {
        return switch (name) {
            case "link", "linkplain" -> linkText(body);
            case "inheritDoc" -> "";
            default -> body;
        };
    }

    /** {@code A#b(int) label} shows the label; without one, {@code A.b(int)}. */
    private static String linkText(String body) {
        int paren = body.indexOf('(');
        int space = body.indexOf(' ');
        int targetEnd = paren >= 0 && (space < 0 || paren < space)
                ? body.indexOf(')', paren) + 1
                : space < 0 ? body.length() : space;
        if (targetEnd <= 0) {
            targetEnd = body.length();
        }
        String label = body.substring(targetEnd).strip();
        if (!label.isEmpty()) {
            return label;
        }
        String target = body.substring(0, targetEnd);
        return target.startsWith("#") ? target.substring(1) : target.replace('#', '.');
    }
}
