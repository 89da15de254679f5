package io.dmdesk.sandbox.control;

import io.dmdesk.sandbox.cases.CaseJson;
import io.dmdesk.sandbox.cases.CaseStore;
import io.dmdesk.sandbox.platform.CitizenForm;
import io.dmdesk.sandbox.platform.CitizenMessage;
import io.dmdesk.sandbox.platform.DeliveredMessage;
import io.dmdesk.sandbox.platform.InvalidCitizenMessage;
import io.dmdesk.sandbox.platform.PlatformSimulator;
import io.dmdesk.sandbox.platform.SentReply;
import io.dmdesk.sandbox.state.SnapshotStore;
import io.dmdesk.sandbox.state.Timestamps;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** For people and tests: act as a citizen, see what the product sent back and which cases it opened. */
@RestController
@RequestMapping("/control")
class ControlController {

    /** The platform the citizen page opens on. */
    static final String DEFAULT_PLATFORM = "x";
    /** The message the page starts with: short enough for every platform, a plain past crime. */
    static final String EXAMPLE_TEXT = "My bike was stolen from outside the library last night.";

    private static final Set<String> PRIVATE_CHANNELS = Set.of("dm");
    private static final Map<String, String> CHANNEL_LABELS = Map.of(
            "dm", "Direct message (private)",
            "mention", "Public post mentioning the account",
            "group", "Public message in the community group, mentioning the bot",
            "comment", "Public comment on the page's post",
            "story_mention", "Mention in my story (public)");

    private final Map<String, PlatformSimulator> platforms;
    private final CaseStore cases;
    private final SnapshotStore snapshots;
    private final JsonMapper mapper;

    ControlController(List<PlatformSimulator> platforms, CaseStore cases, SnapshotStore snapshots, JsonMapper mapper) {
        this.platforms = platforms.stream()
                .collect(Collectors.toMap(PlatformSimulator::platform, Function.identity(), (a, b) -> a, TreeMap::new));
        this.cases = cases;
        this.snapshots = snapshots;
        this.mapper = mapper;
    }

    @PostMapping("/messages")
    ResponseEntity<Map<String, Object>> sendAsCitizen(@RequestBody(required = false) String body) {
        JsonNode json = parse(body);
        String platformName = string(json, "platform");
        PlatformSimulator platform = platforms.get(platformName);
        if (platform == null) {
            throw new InvalidCitizenMessage("platform", "platform must be one of " + platforms.keySet());
        }
        DeliveredMessage delivered = platform.receive(new CitizenMessage(
                string(json, "channel"),
                string(json, "account"),
                string(json, "sender"),
                string(json, "senderName"),
                string(json, "text")));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", delivered.id());
        response.put("conversationId", delivered.conversationId());
        response.put("platform", platform.platform());
        response.put("account", delivered.account());
        response.put("sender", delivered.sender());
        response.put("senderId", delivered.senderId());
        response.put("createdAt", Timestamps.iso(delivered.createdAt()));
        response.putAll(delivered.refs());
        return ResponseEntity.status(HttpStatus.CREATED).body(response);
    }

    @GetMapping("/replies")
    List<Map<String, Object>> replies(
            @RequestParam(required = false) String platform, @RequestParam(required = false) String recipient) {
        return platforms.values().stream()
                .filter(simulator -> platform == null || simulator.platform().equals(platform))
                .flatMap(simulator -> simulator.replies().stream())
                // The handle or the platform's id (a Telegram group answer: the group's chat id).
                .filter(reply -> recipient == null
                        || recipient.equalsIgnoreCase(reply.recipient())
                        || recipient.equals(reply.recipientId()))
                .sorted(Comparator.comparing(SentReply::sentAt))
                .map(ControlController::reply)
                .toList();
    }

    @GetMapping("/cases")
    List<Map<String, Object>> cases() {
        return cases.all().stream().map(record -> CaseJson.full(record, true)).toList();
    }

    /**
     * What the citizen page needs to send on every platform with its defaults: the platforms (the default one
     * first), their channels (private or public, with a label), monitored accounts, the sender rule with a valid
     * example, and a sample message.
     */
    @GetMapping("/platforms")
    List<Map<String, Object>> citizenPlatforms() {
        return platforms.values().stream()
                .sorted(Comparator.comparing(
                                (PlatformSimulator p) -> !p.platform().equals(DEFAULT_PLATFORM))
                        .thenComparing(PlatformSimulator::platform))
                .map(p -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("platform", p.platform());
                    json.put("name", p.displayName());
                    json.put("default", p.platform().equals(DEFAULT_PLATFORM));
                    json.put(
                            "channels",
                            p.channels().stream()
                                    .map(ControlController::channel)
                                    .toList());
                    json.put("accounts", p.accounts());
                    CitizenForm form = p.citizenForm();
                    json.put(
                            "sender",
                            Map.of(
                                    "example",
                                    form.exampleSender(),
                                    "pattern",
                                    form.senderPattern(),
                                    "maxLength",
                                    form.senderMaxLength(),
                                    "hint",
                                    form.senderHint()));
                    json.put("maxTextLength", form.maxTextLength());
                    json.put("exampleText", EXAMPLE_TEXT);
                    return json;
                })
                .toList();
    }

    private static Map<String, Object> channel(String channel) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("channel", channel);
        json.put("label", CHANNEL_LABELS.getOrDefault(channel, channel));
        json.put("public", !PRIVATE_CHANNELS.contains(channel));
        return json;
    }

    @GetMapping("/accounts")
    Map<String, Object> accounts() {
        Map<String, Object> byPlatform = new LinkedHashMap<>();
        platforms.values().forEach(platform -> byPlatform.put(platform.platform(), platform.accounts()));
        return byPlatform;
    }

    /** Switches a platform fault on or off: {"platform":"x","fault":"missed-webhook","enabled":true}. */
    @PostMapping("/faults")
    ResponseEntity<Void> fault(@RequestBody(required = false) String body) {
        JsonNode json = parse(body);
        PlatformSimulator platform = platform(string(json, "platform"));
        JsonNode enabled = json.get("enabled");
        platform.fault(string(json, "fault"), string(json, "account"), enabled == null || enabled.asBoolean(true));
        return ResponseEntity.noContent().build();
    }

    /** Registers the URL a platform pushes webhooks to: {"platform":"x","url":"http://.../webhooks/x"}. */
    @PostMapping("/webhooks")
    ResponseEntity<Void> registerWebhook(@RequestBody(required = false) String body) {
        JsonNode json = parse(body);
        platform(string(json, "platform")).registerWebhook(string(json, "url"));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/webhooks")
    Map<String, Object> webhooks() {
        Map<String, Object> byPlatform = new LinkedHashMap<>();
        platforms.values().forEach(p -> {
            if (!p.webhookStatus().isEmpty()) {
                byPlatform.put(p.platform(), p.webhookStatus());
            }
        });
        return byPlatform;
    }

    private PlatformSimulator platform(String name) {
        PlatformSimulator platform = name == null ? null : platforms.get(name);
        if (platform == null) {
            throw new InvalidCitizenMessage("platform", "platform must be one of " + platforms.keySet());
        }
        return platform;
    }

    @PostMapping("/reset")
    ResponseEntity<Void> reset() {
        snapshots.reset();
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> reply(SentReply reply) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", reply.id());
        json.put("platform", reply.platform());
        json.put("account", reply.account());
        json.put("recipient", reply.recipient());
        json.put("recipientId", reply.recipientId());
        json.put("conversationId", reply.conversationId());
        json.put("text", reply.text());
        json.put("sentAt", Timestamps.iso(reply.sentAt()));
        json.put("channel", reply.channel());
        if (reply.visibility() != null) {
            json.put("visibility", reply.visibility());
        }
        return json;
    }

    private JsonNode parse(String body) {
        try {
            JsonNode json = body == null ? null : mapper.readTree(body);
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (JacksonException e) {
            // answered below
        }
        throw new InvalidCitizenMessage("body", "body must be a JSON object");
    }

    private static String string(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidCitizenMessage(field, field + " must be a string");
        }
        return value.asString();
    }
}
