package io.dmdesk.sandbox;

import static io.dmdesk.sandbox.SandboxClient.DEMO_POLICE;
import static io.dmdesk.sandbox.SandboxClient.DEMO_POLICE_TOKEN;
import static io.dmdesk.sandbox.SandboxClient.caseBody;
import static io.dmdesk.sandbox.SandboxClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The local-stack scenario: the sandbox restarts and the earlier conversation and case are still there. */
class SandboxRestartTest {

  @TempDir
  Path dataDir;

  @Test
  void aRestartWithADataDirKeepsMessagesRepliesCasesAndIdOrder() {
    String messageId;
    String reference;
    try (ConfigurableApplicationContext first = start()) {
      SandboxClient sandbox = client(first);
      Map<String, Object> sent = sandbox.citizenWrites(DEMO_POLICE, "jane_citizen", "before restart");
      messageId = (String) sent.get("id");
      sandbox.sentDm(DEMO_POLICE_TOKEN, (String) sent.get("senderId"), "reply before restart");
      reference = (String) sandbox.openCase("key-1", caseBody("r1")).expectStatus().isCreated()
          .expectBody(Map.class).returnResult().getResponseBody().get("reference");
    }

    try (ConfigurableApplicationContext second = start()) {
      SandboxClient sandbox = client(second);
      assertThat(data(sandbox.dmEvents(DEMO_POLICE_TOKEN, ""))).extracting(event -> event.get("text"))
          .containsExactly("reply before restart", "before restart");
      assertThat(sandbox.getList("/control/replies")).extracting(reply -> reply.get("text"))
          .containsExactly("reply before restart");
      List<Map<String, Object>> cases = sandbox.getList("/control/cases");
      assertThat(cases).extracting(record -> record.get("reference")).containsExactly(reference);
      sandbox.openCase("key-1", Map.of()).expectStatus().isOk();

      String later = (String) sandbox.citizenWrites(DEMO_POLICE, "jane_citizen", "after restart").get("id");
      assertThat(Long.parseLong(later)).isGreaterThan(Long.parseLong(messageId));
    }
  }

  private ConfigurableApplicationContext start() {
    // Arguments, not builder properties: those are defaults, and sandbox.yml sets server.port over them.
    return SandboxApplication.builder().run("--server.port=0", "--sandbox.data-dir=" + dataDir);
  }

  private static SandboxClient client(ConfigurableApplicationContext context) {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return new SandboxClient(WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build());
  }
}
