package io.dmdesk.contracts;

/** Social platforms a force can be reached on. The code is the stable wire and id prefix. */
public enum Platform {
    X("x"),
    MESSENGER("messenger"),
    INSTAGRAM("instagram"),
    FACEBOOK("facebook"),
    MASTODON("mastodon"),
    TELEGRAM("telegram"),
    BLUESKY("bluesky");

    private final String code;

    Platform(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Platform fromCode(String code) {
        for (Platform p : values()) {
            if (p.code.equalsIgnoreCase(code) || p.name().equalsIgnoreCase(code)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown platform: " + code);
    }
}
