package io.dmdesk.sandbox.mastodon;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * Status text to HTML as Mastodon renders a plain-text status: the text HTML-escaped, paragraphs on blank lines,
 * {@code <br />} for a line break, each {@code @username} an h-card mention link. And back to the text a person
 * reads, for the control API and the citizen page (which must never show markup or entities).
 */
final class MastodonHtml {

    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_@/])@([A-Za-z0-9_]{1,30})(?![A-Za-z0-9_])");
    private static final Pattern BREAK = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern PARAGRAPH_END = Pattern.compile("</p>\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private MastodonHtml() {}

    static String render(String text, String domain) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.strip().split("\\R\\s*\\R")) {
            String escaped = HtmlUtils.htmlEscape(paragraph.strip()).replaceAll("\\R", "<br />");
            Matcher m = MENTION.matcher(escaped);
            StringBuilder linked = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(
                        linked,
                        Matcher.quoteReplacement("<span class=\"h-card\" translate=\"no\"><a href=\"https://" + domain
                                + "/@" + m.group(1) + "\" class=\"u-url mention\">@<span>" + m.group(1)
                                + "</span></a></span>"));
            }
            m.appendTail(linked);
            html.append("<p>").append(linked).append("</p>");
        }
        return html.toString();
    }

    /** What the reader sees: line breaks kept, paragraphs a blank line apart, tags gone, entities decoded. */
    static String plain(String html) {
        String text = BREAK.matcher(html).replaceAll("\n");
        text = PARAGRAPH_END.matcher(text).replaceAll("\n\n");
        text = TAG.matcher(text).replaceAll("");
        return HtmlUtils.htmlUnescape(text).strip();
    }
}
