package io.dmdesk.sandbox.meta;

import io.dmdesk.sandbox.faults.GraphPages;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param appSecret key of {@code X-Hub-Signature-256} on every delivery (must equal the intake's)
 * @param verifyToken what the subscription handshake sends as {@code hub.verify_token}
 * @param webhookUrl where deliveries go; unset until registered through the control API
 * @param pages the force's Facebook pages with their linked Instagram accounts
 */
@ConfigurationProperties("sandbox.meta")
public record MetaProperties(
        @DefaultValue("sandbox-meta-app-secret") String appSecret,
        @DefaultValue("sandbox-meta-verify-token") String verifyToken,
        String webhookUrl,
        List<Page> pages)
        implements GraphPages {

    public MetaProperties {
        pages = pages == null ? List.of() : List.copyOf(pages);
    }

    /** The page a Graph node belongs to: the page itself or its linked Instagram account. */
    @Override
    public Optional<String> pageIdOfNode(String node) {
        return pageOfNode(node).map(Page::pageId);
    }

    public Optional<Page> pageOfNode(String node) {
        return pages.stream()
                .filter(p -> p.pageId().equals(node) || node.equals(p.instagramId()))
                .findFirst();
    }

    /** @param token the page access token (Graph API calls for the page and its Instagram account) */
    public record Page(String name, String pageId, String instagramId, String instagramUsername, String token) {}
}
