package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.TestRepos;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web dashboard in a real browser: {@code up --web} runs a team of simulated agents and Debian's headless
 * Chromium (driven by Selenium through Debian's chromedriver, nothing downloaded) opens the printed address. The page
 * shows the roles and the board and follows the tasks as they move; the builder's shell command waits for a person
 * and a click on Approve lets it run; a message from the form reaches a role; the models' HTML stays text; and the
 * team stops from the page after a confirmation. Without the token the page is refused, and so is a change from
 * another origin. Screenshots of the run go to {@code target/web-screenshots/} (and, with
 * {@code -Dpeers.web.screenshots=DIR}, to DIR: that is how {@code docs/web-dashboard.png} and {@code docs/web-phone.png}
 * are made).
 */
class WebDashboardIT {
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final Pattern ADDRESS =
            Pattern.compile("the dashboard of team shop: (http://127\\.0\\.0\\.1:(\\d+)/)\\?token=(\\S+)");

    @TempDir
    Path temp;

    @Test
    @Timeout(240)
    void aPersonWatchesTheTeamApprovesAToolCallAndStopsTheTeamFromTheBrowser() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        TestRepos.git(repo, "config", "user.name", "peers test");
        TestRepos.git(repo, "config", "user.email", "test@peers.invalid");
        Files.copy(
                Path.of(WebDashboardIT.class.getResource("sim-web.yaml").toURI()),
                repo.resolve("sim.yaml"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(repo.resolve("team.yaml"), """
                name: shop
                goal: "Plan the API work."
                defaults:
                  agent: sim
                  sim_script: sim.yaml
                  permission_mode: default
                  allowed_tools: [Read]
                roles:
                  lead:
                    lead: true
                  builder: {}
                """);
        try (CoordinatorProcess up = CoordinatorProcess.start(
                        repo,
                        Map.of("PATH", System.getenv("PATH"), "HOME", temp.toString()),
                        "up",
                        "--web=127.0.0.1:0",
                        "team.yaml");
                Browser browser = Browser.start(temp.resolve("chromium-profile"))) {
            Matcher printed =
                    ADDRESS.matcher(up.awaitLine(line -> ADDRESS.matcher(line).find(), WAIT));
            assertThat(printed.find()).isTrue();
            String base = printed.group(1);
            String token = printed.group(3);

            refusedWithoutTokenOrFromElsewhere(base, token);

            WebDriver page = browser.driver;
            WebDriverWait wait = new WebDriverWait(page, WAIT);
            // roles and tasks are drawn anew with each picture: an element found a moment ago may be gone
            wait.ignoring(StaleElementReferenceException.class);
            long opened = System.nanoTime();
            page.get(base + "?token=" + token);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-role=builder]")));
            long shownMs = (System.nanoTime() - opened) / 1_000_000;
            assertThat(page.getCurrentUrl())
                    .as("the token left the address bar")
                    .isEqualTo(base);
            assertThat(textOf(wait, By.cssSelector("[data-role=lead]"))).contains("lead", "peers/lead");
            assertThat(page.findElement(By.id("team")).getText()).isEqualTo("shop");

            // the board follows the tasks as they move
            wait.until(d -> taskIn(d, "T1", "in_progress"));
            assertThat(taskIn(page, "T2", "assigned")).isTrue();

            // the builder's command waits for a person: the exact call is shown, and a click lets it run
            WebElement ask = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-ask]")));
            assertThat(ask.getText()).contains("builder", "Bash(echo draft > api.txt)");
            assertThat(ask.findElement(By.cssSelector("pre.input")).getText())
                    .contains("\"command\" : \"echo draft > api.txt\"");
            assertThat(repo.resolve("worktrees/builder/api.txt"))
                    .as("nothing runs before the click")
                    .doesNotExist();
            wait.until(d -> feedHas(d, "says: Planned T1 and T2"));
            browser.screenshot("dashboard", new Dimension(1280, 1000));
            browser.screenshot("phone", new Dimension(390, 844));
            page.manage().window().setSize(new Dimension(1280, 1000));

            ask.findElement(By.cssSelector("button.approve")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-ask]")));
            wait.until(d -> taskIn(d, "T1", "done"));
            wait.until(d -> taskIn(d, "T2", "done"));
            assertThat(repo.resolve("worktrees/builder/api.txt"))
                    .as("the approved command ran")
                    .exists();
            up.awaitLine(
                    l -> l.contains("builder") && l.contains("may use Bash(echo draft > api.txt) (approved)"), WAIT);

            // the models' HTML is text on the page: no script ran, no element was made from it
            wait.until(d -> feedHas(d, "<script>window.__pwned=1</script>"));
            assertThat(((JavascriptExecutor) page).executeScript("return window.__pwned === undefined"))
                    .isEqualTo(true);
            assertThat(page.findElements(By.cssSelector("#feed img, #feed script, #board img, #board b, #roles b")))
                    .isEmpty();
            assertThat(textOf(wait, By.cssSelector("[data-task=T1]")))
                    .contains("Draft the <b>API</b> <img src=x onerror=\"window.__pwned=3\">");

            // a message from the form reaches the role; measured from the click to its line in the feed
            new Select(page.findElement(By.id("send-to"))).selectByValue("builder");
            page.findElement(By.id("send-text")).sendKeys("hello from the browser");
            Object roundTripMs = ((JavascriptExecutor) page).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const started = performance.now();
                    new MutationObserver((changes, observer) => {
                      if (document.getElementById('feed').textContent.includes('-> builder: hello from the browser')) {
                        observer.disconnect();
                        done(performance.now() - started);
                      }
                    }).observe(document.getElementById('feed'), {childList: true, subtree: true});
                    document.querySelector('#send-form button[type=submit]').click();
                    """);
            up.awaitLine(l -> l.contains("builder") && l.contains("says: Heard: hello from the browser"), WAIT);
            wait.until(d -> feedHas(d, "says: Heard: hello from the browser"));
            assertThat(page.findElement(By.id("status")).getText()).startsWith("sent to builder");

            // the transcript is the same text as 'peers-team logs builder'
            wait.until(d -> {
                d.findElement(By.cssSelector("[data-role=builder] button")).click();
                return true;
            });
            wait.until(
                    d -> d.findElement(By.id("transcript")).getText().contains("allowed Bash(echo draft > api.txt)"));
            try (CoordinatorProcess logs = CoordinatorProcess.start(
                    repo,
                    Map.of("PATH", System.getenv("PATH"), "HOME", temp.toString(), "LANG", "C.UTF-8"),
                    "logs",
                    "builder")) {
                assertThat(logs.waitFor(WAIT)).isZero();
                String shown = page.findElement(By.id("transcript")).getText();
                assertThat(logs.output())
                        .filteredOn(line -> !line.isBlank())
                        .allSatisfy(line -> assertThat(shown).contains(line.strip()));
            }

            assertThat(up.output())
                    .as("the refused changes changed nothing")
                    .noneMatch(l -> l.contains("stopping the team"));

            // stopping asks first
            page.findElement(By.id("stop")).click();
            assertThat(page.findElement(By.id("stop-confirm")).getText()).contains("Stop the whole team?");
            page.findElement(By.id("stop-no")).click();
            assertThat(up.output()).noneMatch(l -> l.contains("stopping the team"));
            page.findElement(By.id("stop")).click();
            page.findElement(By.id("stop-yes")).click();
            assertThat(up.waitFor(WAIT)).isZero();
            assertThat(up.output()).anySatisfy(l -> assertThat(l).contains("stopping the team: peers-team down"));

            System.out.printf(
                    "[web] page shown in %d ms after opening the address; a message sent from the form was back in"
                            + " the feed %.0f ms after the click%n",
                    shownMs, ((Number) roundTripMs).doubleValue());
        }
    }

    /** Without the token nothing is served; with it, a change from another origin is refused and changes nothing. */
    private static void refusedWithoutTokenOrFromElsewhere(String base, String token) throws Exception {
        try (HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()) {
            assertThat(status(http, HttpRequest.newBuilder(URI.create(base)))).isEqualTo(401);
            assertThat(status(http, HttpRequest.newBuilder(URI.create(base + "api/state"))))
                    .isEqualTo(401);
            assertThat(status(http, HttpRequest.newBuilder(URI.create(base + "?token=wrong"))))
                    .isEqualTo(403);
            String page = http.send(
                            HttpRequest.newBuilder(URI.create(base))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher csrf = Pattern.compile("name=\"csrf\" content=\"([^\"]+)\"").matcher(page);
            assertThat(csrf.find()).isTrue();
            for (String origin : List.of("http://evil.example", "null", base.replace("127.0.0.1", "localhost"))) {
                assertThat(status(
                                http,
                                HttpRequest.newBuilder(URI.create(base + "api/down"))
                                        .headers(
                                                "Authorization",
                                                "Bearer " + token,
                                                "X-CSRF-Token",
                                                csrf.group(1),
                                                "Origin",
                                                origin.replaceAll("/$", ""),
                                                "Content-Type",
                                                "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString("{}"))))
                        .as("down from " + origin)
                        .isEqualTo(403);
            }
            assertThat(status(
                            http,
                            HttpRequest.newBuilder(URI.create(base + "api/down"))
                                    .headers("Authorization", "Bearer " + token, "Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{}"))))
                    .as("down without Origin and CSRF token")
                    .isEqualTo(403);
        }
    }

    private static int status(HttpClient http, HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The text of an element, read again if the page redrew it meanwhile. */
    private static String textOf(WebDriverWait wait, By selector) {
        return wait.until(d -> d.findElement(selector).getText());
    }

    private static boolean taskIn(WebDriver page, String id, String status) {
        return !page.findElements(By.cssSelector("[data-status=" + status + "] [data-task=" + id + "]"))
                .isEmpty();
    }

    private static boolean feedHas(WebDriver page, String text) {
        return page.findElement(By.id("feed")).getText().contains(text);
    }

    /** Debian's headless Chromium through Debian's chromedriver, with a profile of its own; quits with its children. */
    private static final class Browser implements AutoCloseable {
        private static final Path SCREENSHOTS = Path.of("target", "web-screenshots");
        private final ChromeDriverService service;
        private final ChromeDriver driver;

        private Browser(ChromeDriverService service, ChromeDriver driver) {
            this.service = service;
            this.driver = driver;
        }

        static Browser start(Path profile) throws IOException {
            String chromium =
                    Optional.ofNullable(System.getenv("PEERS_TEST_CHROMIUM")).orElse("/usr/bin/chromium");
            String chromedriver = Optional.ofNullable(System.getenv("PEERS_TEST_CHROMEDRIVER"))
                    .orElse("/usr/bin/chromedriver");
            for (String program : List.of(chromium, chromedriver)) {
                assertThat(Path.of(program))
                        .as(program + " is needed: apt-get install chromium chromium-driver (.ci/run does)")
                        .isExecutable();
            }
            Files.createDirectories(profile);
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium);
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-extensions",
                    "--hide-scrollbars",
                    "--user-data-dir=" + profile,
                    "--window-size=1280,1000");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(chromedriver))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            return new Browser(service, driver);
        }

        /** A PNG of the whole page at this window size, in target/web-screenshots (and -Dpeers.web.screenshots). */
        void screenshot(String name, Dimension size) throws IOException {
            driver.manage().window().setSize(size);
            for (int i = 0; i < 2; i++) { // the page's height at this width, then once more as it settles
                Object height = driver.executeScript("return document.documentElement.scrollHeight");
                driver.manage()
                        .window()
                        .setSize(new Dimension(
                                size.width, Math.min(2400, Math.max(size.height, ((Number) height).intValue()))));
            }
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            List<Path> targets = new ArrayList<>(List.of(SCREENSHOTS));
            Optional.ofNullable(System.getProperty("peers.web.screenshots"))
                    .map(Path::of)
                    .ifPresent(targets::add);
            for (Path dir : targets) {
                Files.createDirectories(dir);
                Files.write(dir.resolve("web-" + name + ".png"), png);
            }
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                service.close();
            }
        }
    }
}
