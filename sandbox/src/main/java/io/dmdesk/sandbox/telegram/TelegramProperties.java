package io.dmdesk.sandbox.telegram;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bots the force's and officers' bots citizens write to; the token is what {@code /bot<token>/} carries
 */
@ConfigurationProperties("sandbox.telegram")
public record TelegramProperties(List<Bot> bots) {

    public TelegramProperties {
        bots = bots == null ? List.of() : List.copyOf(bots);
    }

    /**
     * @param username the bot's @username without @
     * @param id numeric bot id (the part of a real token before the colon)
     * @param name display name (first_name)
     * @param token the bot token, {@code <id>:<secret>} on real Telegram
     */
    public record Bot(String username, long id, String name, String token) {}
}
