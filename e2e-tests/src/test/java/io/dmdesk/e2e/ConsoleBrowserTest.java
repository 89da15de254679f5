package io.dmdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestMongo;
import io.dmdesk.testsupport.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * An operator works a citizen's DM in the console, in real headless Chromium (Debian's chromium and
 * chromedriver), over the whole pipeline: the DM appears live, the operator opens and claims it by keyboard,
 * reveals it with a justification, reclassifies it, replies, and the reply reaches the citizen in the sandbox;
 * the audit trail names the operator for each step. At 1440x900 the open report keeps the queue's claim and
 * case/ack columns in view and its Claim button above the fold; times are in the operator's locale, 24-hour,
 * whole seconds; axe-core finds no serious or critical violation on the sign-in page, the queue and the open
 * report. Screenshots go to target/console-screenshots/, and the README's to docs/screenshots/ with
 * {@code -Ddmdesk.readme.screenshots=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String OPERATOR = TestUsers.OPERATOR.username;
    static final String OPERATOR_PASSWORD = TestUsers.OPERATOR.password;
    static final String AUDITOR_BASIC = TestUsers.AUDITOR.basic();
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    /** The README's screenshots (the test runs in the e2e-tests module directory). */
    static final Path README_SCREENSHOTS = Path.of("..", "docs", "screenshots");
    /** axe-core, installed by this module's build with npm (see pom.xml). */
    static final Path AXE = Path.of("target", "npm", "node_modules", "axe-core", "axe.min.js");

    static final int WIDTH = 1440;
    static final int HEIGHT = 900;

    private Pipeline pipeline;
    private SandboxClient sandbox;
    private WebDriver browser;
    private WebDriverWait wait;
    private String axeSource;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                        + " missing (apt-get install chromium chromium-driver; .ci/run does this)");
        // A 20 s SLA for URGENT, so the timer of a reclassified report is seen to turn red.
        pipeline = new Pipeline(TestKafka.bootstrapServers(), TestMongo.connectionString())
                .startWithConsole("--dmdesk.console.sla.urgent=20s");
        sandbox = new SandboxClient(pipeline.sandboxUrl());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        // The viewport itself 1440x900 (the control room's screen): the window is made larger by what headless
        // Chromium keeps for its (invisible) window frame.
        List<?> frame = (List<?>)
                js("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight];");
        browser.manage()
                .window()
                .setSize(new Dimension(
                        WIDTH + ((Number) frame.get(0)).intValue(), HEIGHT + ((Number) frame.get(1)).intValue()));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        assertThat(Files.isRegularFile(AXE))
                .as(AXE.toAbsolutePath() + " (npm install in the e2e-tests build)")
                .isTrue();
        axeSource = Files.readString(AXE);
        // The queue's rows are rebuilt on every change, so an element found a moment ago may be gone.
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(README_SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void operatorSeesANewDmLiveRevealsReclassifiesAndRepliesAndTheAuditTrailNamesTheOperator() throws Exception {
        String triage = pipeline.url("triage-service");
        logIn(triage);
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "Live"));
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo(OPERATOR);
        // A marker that a reload would wipe: the DM must arrive through the stream, not a new page.
        js("window.__noReload = 'still-here';");
        screenshot("1-queue-before");

        String citizen = "cit_" + UUID.randomUUID().toString().substring(0, 8);
        String phone = "07700 900" + (100 + (int) (Math.random() * 800));
        String text = "Someone is kicking my door in right now please help, call me on " + phone;
        long sentAt = System.nanoTime();
        sandbox.sendDm("DemoPolice", citizen, text);

        String reportId = wait.until(d -> d.findElements(By.cssSelector("#queue-body tr")).stream()
                .filter(r -> r.getText().contains("[PHONE]") && r.getText().contains("kicking my door"))
                .findFirst()
                .map(r -> r.getAttribute("data-report-id"))
                .orElse(null));
        System.out.println("Console: DM sent to the sandbox -> row in the browser's queue: "
                + Duration.ofNanos(System.nanoTime() - sentAt).toMillis() + " ms");
        By row = By.cssSelector("#queue-body tr[data-report-id='" + reportId + "']");
        assertThat(js("return window.__noReload;")).isEqualTo("still-here");
        String rowText = wait.until(d -> d.findElement(row).getText());
        assertThat(rowText).contains("EMERGENCY").doesNotContain(phone);
        assertThat(browser.findElement(By.id("emergency-banner")).isDisplayed()).isTrue();
        assertThat(browser.getPageSource()).doesNotContain(phone);
        screenshot("2-emergency-arrived-live");
        assertNoSeriousAccessibilityViolations("queue");

        // Keyboard: j selects the first report, Enter opens it.
        browser.findElement(By.tagName("body")).sendKeys("j");
        wait.until(d -> reportId.equals(js("return document.activeElement.dataset.reportId;")));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-title"), "Report "));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-thread"), "[PHONE]"));

        // At 1440x900: the Claim button is on screen without scrolling, the reference is on one line.
        assertThat(js("return [window.innerWidth, window.innerHeight];"))
                .isEqualTo(List.of((long) WIDTH, (long) HEIGHT));
        Map<String, Object> claim = rect(By.id("claim"));
        assertThat(((Number) claim.get("bottom")).doubleValue())
                .as("Claim button bottom")
                .isLessThanOrEqualTo(HEIGHT);
        assertThat(((Number) claim.get("top")).doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(js("return getComputedStyle(document.querySelector('#queue-body tr td.ref')).whiteSpace;"))
                .isEqualTo("nowrap");
        assertThat(js("return getComputedStyle(document.querySelector('#report-title .ref')).whiteSpace;"))
                .isEqualTo("nowrap");
        // Claimed by keyboard: Tab from the report to Claim, Enter presses it.
        for (int tabs = 0; tabs < 8 && !"claim".equals(js("return document.activeElement.id;")); tabs++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(js("return document.activeElement.id;"))
                .as("Claim reachable by Tab")
                .isEqualTo("claim");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        By claimedCell = By.cssSelector("#queue-body tr[data-report-id='" + reportId + "'] td.claimed");
        wait.until(d -> OPERATOR.equals(d.findElement(claimedCell).getText()));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-facts"), OPERATOR));
        // With the report open, the queue's Claimed and Case / ack columns stay in view, nothing scrolls sideways.
        for (String cell : List.of("td.claimed", "td.case")) {
            Map<String, Object> box = rect(By.cssSelector("#queue-body tr[data-report-id='" + reportId + "'] " + cell));
            assertThat(((Number) box.get("width")).doubleValue())
                    .as(cell + " width")
                    .isGreaterThan(0);
            assertThat(((Number) box.get("left")).doubleValue())
                    .as(cell + " left")
                    .isGreaterThanOrEqualTo(0);
            assertThat(((Number) box.get("right")).doubleValue())
                    .as(cell + " right")
                    .isLessThanOrEqualTo(((Number) rect(By.id("report")).get("left")).doubleValue());
        }
        assertThat(browser.findElement(By.cssSelector("#queue-body tr[data-report-id='" + reportId + "'] td.case"))
                        .getText())
                .contains("acknowledged");
        assertThat(((Number) js("return document.documentElement.scrollWidth;")).intValue())
                .isLessThanOrEqualTo(WIDTH);

        // Times in the operator's locale, 24-hour, whole seconds: the browser says en-US, the console uses en-GB
        // (day first); chosen in the console, Norwegian (bokmål).
        String received = receivedFact();
        assertThat(received)
                .matches("\\d{2}/\\d{2}/\\d{4},? \\d{2}:\\d{2}:\\d{2}")
                .doesNotContain("AM", "PM");
        assertThat(browser.findElement(By.id("report-thread")).getText())
                .doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}[.,]\\d")
                .doesNotContainPattern("(?i)\\b[AP]M\\b");
        new Select(browser.findElement(By.id("locale"))).selectByValue("nb-NO");
        wait.until(d -> receivedFact().matches("\\d{2}\\.\\d{2}\\.\\d{4},? \\d{2}:\\d{2}:\\d{2}"));
        new Select(browser.findElement(By.id("locale"))).selectByValue("");
        wait.until(d -> receivedFact().equals(received));
        assertNoSeriousAccessibilityViolations("open report");
        screenshot("2b-report-open-claimed");
        browser.findElement(By.id("reveal-justification")).sendKeys("caller asked us to ring back on the number given");
        browser.findElement(By.id("reveal")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("revealed"), phone));
        screenshot("3-revealed-after-justification");

        new Select(browser.findElement(By.id("r-urgency"))).selectByValue("URGENT");
        new Select(browser.findElement(By.id("r-category"))).selectByValue("THREAT_HARASSMENT");
        browser.findElement(By.id("r-reason")).sendKeys("caller is safe now, suspect left");
        browser.findElement(By.id("reclassify")).click();
        wait.until(ExpectedConditions.textToBe(By.id("report-message"), "Reclassify: done"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-facts"), "URGENT"));
        // Reclassified to URGENT (20 s target here): its SLA timer goes amber, then red, without a reload.
        By sla = By.cssSelector("#queue-body tr[data-report-id='" + reportId + "'] td.sla");
        wait.until(d -> d.findElement(sla).getAttribute("class").contains("red")
                && d.findElement(sla).getText().endsWith("over"));
        assertThat(js("return window.__noReload;")).isEqualTo("still-here");

        // The notifier replies on the channel its acknowledgement used: wait for that first.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !sandbox.repliesTo(citizen).isEmpty());
        String reply = "Officers are on their way. Stay inside and keep this chat open. "
                + UUID.randomUUID().toString().substring(0, 6);
        browser.findElement(By.id("reply-text")).sendKeys(reply);
        browser.findElement(By.id("reply")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-message"), "Reply sent"));
        List<Map<String, Object>> replies = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> sandbox.repliesTo(citizen),
                        all -> all.stream().anyMatch(r -> reply.equals(r.get("text"))));
        assertThat(replies)
                .filteredOn(r -> reply.equals(r.get("text")))
                .singleElement()
                .satisfies(r -> assertThat(r.get("account")).isEqualTo("DemoPolice"));
        // Every message sent to the citizen: the acknowledgement, the case reference that followed, the reply.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-sent"), "Operator reply"));
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("report-sent"), "Case reference follow-up"));
        assertThat(browser.findElement(By.id("report-sent")).getText()).contains("Acknowledgement");
        js("document.getElementById('report').scrollTop = 0;");
        screenshot("4-reclassified-and-replied");
        readmeScreenshot("console-report");

        // A second DM once everything is warm: how long until it shows in the open page.
        String second = "cit_" + UUID.randomUUID().toString().substring(0, 8);
        long secondSentAt = System.nanoTime();
        sandbox.sendDm("DemoPolice", second, "my bike was stolen from outside the library this morning");
        wait.until(d -> d.findElement(By.id("queue-body")).getText().contains("outside the library"));
        System.out.println("Console: second DM sent to the sandbox -> row in the browser's queue: "
                + Duration.ofNanos(System.nanoTime() - secondSentAt).toMillis() + " ms");

        browser.findElement(By.id("show-connectors")).click();
        wait.until(d -> d.findElements(By.cssSelector("#connectors-body tr")).size() > 0);
        assertThat(browser.findElement(By.id("connectors-body")).getText()).contains("x-demopolice");
        screenshot("5-connector-health");
        browser.findElement(By.id("show-connectors")).click();
        browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("report")));
        readmeScreenshot("console-queue");

        browser.get(pipeline.sandboxUrl() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("send-form")));
        readmeScreenshot("sandbox-citizen");

        List<Map<String, Object>> trail = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> auditTrail(reportId),
                        entries -> byOperator(entries, "TEXT_REVEALED")
                                && byOperator(entries, "REPORT_RECLASSIFIED")
                                && byOperator(entries, "OPERATOR_REPLY_SENT")
                                && byOperator(entries, "REPORT_VIEWED"));
        assertThat(trail)
                .filteredOn(e -> "TEXT_REVEALED".equals(e.get("action")))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.get("category")).isEqualTo("CONSULTATION");
                    assertThat(e.get("justification")).isEqualTo("caller asked us to ring back on the number given");
                });
        assertThat(trail.toString()).doesNotContain(phone);
    }

    /** The agreed form login: GET /login, fields username and password, success lands on /console/. */
    private void logIn(String triage) throws Exception {
        browser.get(triage + "/console/");
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.getTitle()).isEqualTo("Sign in - DM Desk console");
        assertThat(browser.findElements(By.cssSelector("link[rel=icon][href='/favicon.ico']")))
                .hasSize(1);
        assertNoSeriousAccessibilityViolations("sign-in page");
        browser.findElement(By.name("username")).sendKeys(OPERATOR);
        browser.findElement(By.name("password")).sendKeys(OPERATOR_PASSWORD);
        screenshot("0-login");
        browser.findElement(By.cssSelector("form [type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/console/"));
        assertThat(browser.getTitle()).isEqualTo("DM Desk console");
    }

    /** axe-core's audit of the page as it is now: no violation of impact serious or critical. */
    private void assertNoSeriousAccessibilityViolations(String page) {
        if (!Boolean.TRUE.equals(js("return typeof window.axe === 'object';"))) {
            js(axeSource);
        }
        Object violations = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then((r) => done(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                      + v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', '))))
                  .catch((e) => done(['axe failed: ' + e]));
                """);
        assertThat((List<?>) violations)
                .as("axe-core, serious or critical, on the " + page)
                .isEmpty();
    }

    private String receivedFact() {
        return String.valueOf(
                js(
                        "const dts = [...document.querySelectorAll('#report-facts dt')];"
                                + "const dt = dts.find((d) => d.textContent === 'Received'); return dt ? dt.nextElementSibling.textContent : '';"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> rect(By element) {
        return (Map<String, Object>) ((JavascriptExecutor) browser)
                .executeScript(
                        "const r = arguments[0].getBoundingClientRect();"
                                + "return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width};",
                        browser.findElement(element));
    }

    /**
     * A README screenshot: always to target/console-screenshots/, and over docs/screenshots/ only when asked
     * ({@code -Ddmdesk.readme.screenshots=true}), so a test run leaves the working tree as it was.
     */
    private void readmeScreenshot(String name) throws Exception {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve("readme-" + name + ".png"), png);
        if (Boolean.getBoolean("dmdesk.readme.screenshots")) {
            Files.write(README_SCREENSHOTS.resolve(name + ".png"), png);
        }
    }

    private static boolean byOperator(List<Map<String, Object>> entries, String action) {
        return entries.stream()
                .anyMatch(e -> action.equals(e.get("action"))
                        && e.get("actor") instanceof Map<?, ?> actor
                        && "PERSON".equals(actor.get("type"))
                        && OPERATOR.equals(actor.get("id")));
    }

    /** The audit events of the report's timeline (each stored entry wraps one event). */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> auditTrail(String reportId) {
        return auditEntries(reportId).stream()
                .map(e -> (Map<String, Object>) e.get("event"))
                .toList();
    }

    private List<Map<String, Object>> auditEntries(String reportId) {
        return WebClient.create(pipeline.url("audit-service"))
                .get()
                .uri("/api/audit/reports/{id}", reportId)
                .header("Authorization", AUDITOR_BASIC)
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .block(Duration.ofSeconds(10));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
