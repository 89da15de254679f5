package io.dmdesk.triage.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Routing;
import io.dmdesk.testsupport.Events;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing by a location in the text, over the account's own team and district. */
class LocationRouterTest {

    private final LocationRouter router = new LocationRouter(new RoutingProperties(
            Map.of(
                    "0301",
                    new RoutingProperties.Area("oslo-sentrum", "oslo"),
                    "4601",
                    new RoutingProperties.Area("vest-bergen", "bergen")),
            Map.of(
                    "M",
                    new RoutingProperties.Area("greater-manchester", "manchester"),
                    "M1",
                    new RoutingProperties.Area("manchester-city", "manchester-city-centre"),
                    "SW1A",
                    new RoutingProperties.Area("westminster", "westminster"))));

    @Test
    void norwegianPostcodeRoutesToItsMunicipalityThroughPostensList() {
        Routing r = route("Innbrudd i bilen min i Storgata, 0155 Oslo", "0155");
        assertThat(r).isEqualTo(new Routing("oslo-sentrum", "oslo", "location in text: municipality 0301 OSLO"));
        assertThat(route("Sykkel stjålet, 5003 Bergen", "5003").district()).isEqualTo("bergen");
    }

    @Test
    void ukPostcodeRoutesToTheLongestConfiguredPrefix() {
        assertThat(route("car broken into on Portland St M1 3LA", "M1 3LA").team())
                .isEqualTo("manchester-city");
        assertThat(route("car broken into near M13 9PL", "M13 9PL").team()).isEqualTo("greater-manchester");
        assertThat(route("bike stolen SW1A 1AA", "SW1A 1AA").reason())
                .isEqualTo("location in text: postcode area SW1A");
    }

    @Test
    void areaPrefixDoesNotSwallowAnotherArea() {
        // "M" is Manchester; "ML" (Motherwell) is not under it.
        assertThat(route("stolen in ML1 1AA", "ML1 1AA").team()).isEqualTo("contact-centre");
    }

    @Test
    void unconfiguredOrUnknownLocationKeepsTheAccountsRouting() {
        assertThat(route("innbrudd, 9990 Båtsfjord", "9990"))
                .isEqualTo(new Routing("contact-centre", "central", "monitored account"));
        assertThat(route("ordre 9999 Test", "9999").team()).isEqualTo("contact-centre"); // not a real postcode
        assertThat(route("my car was stolen", null).team()).isEqualTo("contact-centre");
    }

    @Test
    void outwardCodeCoversItsLetteredSubDistrictsOnly() {
        assertThat(LocationRouter.covers("SW1", "SW1A")).isTrue();
        assertThat(LocationRouter.covers("SW1", "SW13")).isFalse();
        assertThat(LocationRouter.covers("M1", "M13")).isFalse();
        assertThat(LocationRouter.covers("M", "M13")).isTrue();
        assertThat(LocationRouter.covers("M", "ML1")).isFalse();
    }

    private Routing route(String text, String postcode) {
        InboundMessage message = Events.inbound(text);
        List<EntitySpan> spans = postcode == null
                ? List.of()
                : List.of(new EntitySpan(
                        "POSTCODE", text.indexOf(postcode), text.indexOf(postcode) + postcode.length(), 0.85, "test"));
        return router.route(message, spans);
    }
}
