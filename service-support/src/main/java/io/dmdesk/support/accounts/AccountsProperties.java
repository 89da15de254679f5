package io.dmdesk.support.accounts;

import io.dmdesk.contracts.Platform;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The force's and officers' accounts the product watches and answers from. Adding an account is
 * configuration only; tokens come from the environment or a secret store, never from the repository.
 *
 * @param accounts  every monitored account
 * @param platforms API base URL per platform code (x, mastodon, ...)
 */
@Validated
@ConfigurationProperties("dmdesk")
public record AccountsProperties(@Valid List<Account> accounts, Map<String, @Valid PlatformApi> platforms) {

    public AccountsProperties {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        platforms = platforms == null ? Map.of() : Map.copyOf(platforms);
    }

    @AssertTrue(message = "dmdesk.accounts[*].id must be unique")
    public boolean isEveryIdUnique() {
        return accounts.stream().map(Account::id).distinct().count() == accounts.size();
    }

    @AssertTrue(message = "dmdesk.platforms.<code>.base-url must be set for every platform that has an account")
    public boolean isEveryPlatformConfigured() {
        return accounts.stream()
                .allMatch(a -> a.platform() == null
                        || platforms.containsKey(a.platform().code()));
    }

    public Optional<Account> byId(String id) {
        return accounts.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    public URI baseUrl(Platform platform) {
        PlatformApi api = platforms.get(platform.code());
        if (api == null) {
            throw new IllegalStateException("dmdesk.platforms." + platform.code() + ".base-url is not set");
        }
        return api.baseUrl();
    }

    /**
     * @param id             stable id used in events, cursors, metrics labels (never a person's name)
     * @param platformUserId the account's own user id on the platform
     * @param officer        an officer's own account: messages out of duty hours go to the control room
     * @param token          the API credential, resolved from the environment
     */
    public record Account(
            @NotBlank String id,
            @NotNull Platform platform,
            @NotBlank String handle,
            @NotBlank String platformUserId,
            String team,
            String district,
            boolean officer,
            @Valid DutyHours dutyHours,
            @NotBlank String token) {

        /** True when an officer's account receives a message outside the officer's duty hours. */
        public boolean outOfHours(Instant at) {
            return officer && dutyHours != null && !dutyHours.covers(at);
        }
    }

    /** When an officer is on duty, in their own time zone. */
    public record DutyHours(
            @NotNull ZoneId zone,
            Set<DayOfWeek> days,
            @NotNull LocalTime start,
            @NotNull LocalTime end) {

        public DutyHours {
            days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
        }

        public boolean covers(Instant at) {
            var local = at.atZone(zone);
            LocalTime time = local.toLocalTime();
            boolean inWindow = start.isBefore(end)
                    ? !time.isBefore(start) && time.isBefore(end)
                    : !time.isBefore(start) || time.isBefore(end); // a night shift crossing midnight
            return inWindow && days.contains(local.getDayOfWeek());
        }

        @Override
        public String toString() {
            return days.stream().map(Enum::name).collect(Collectors.joining(",")) + " " + start + "-" + end + " "
                    + zone;
        }
    }

    /** @param baseUrl where the platform's API is (the sandbox locally) */
    public record PlatformApi(@NotNull URI baseUrl) {}
}
