package io.dmdesk.intake.mastodon;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Mastodon status HTML to plain text: paragraphs become blank-line separated, {@code <br>} a line break,
 * entities decoded, every tag and attribute dropped (scripts and styles with their content). The result is
 * text, never markup, so nothing downstream can be tricked into rendering it.
 */
final class HtmlText {

    private HtmlText() {}

    static String plain(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Element body = Jsoup.parseBodyFragment(html).body();
        body.select("script, style").remove();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(
                new NodeVisitor() {
                    @Override
                    public void head(Node node, int depth) {
                        if (node instanceof TextNode text) {
                            out.append(text.getWholeText());
                        } else if (node instanceof Element e && e.normalName().equals("br")) {
                            out.append('\n');
                        }
                    }

                    @Override
                    public void tail(Node node, int depth) {
                        if (node instanceof Element e
                                && (e.normalName().equals("p") || e.normalName().equals("li"))) {
                            out.append("\n\n");
                        }
                    }
                },
                body);
        return out.toString()
                .replace('\u00a0', ' ')
                .replaceAll("[ \\t]+\n", "\n")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }
}
