package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ScreenshotAnimations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of every browser end-to-end test: the real application on a random port (run's PostgreSQL
 * database, demo practices seeded) driven by Debian's Chromium through Playwright for Java.
 *
 * <p>Subclasses must not add Spring configuration of their own (no extra properties, profiles or mock
 * beans) so that all e2e classes share one application context and the demo data is seeded once.
 * One browser per class; each test gets a fresh {@link BrowserContext} (no cookies) and {@link #page}.
 * Log in with {@link #loginAs(String)}, navigate with paths ({@code page.navigate("/clients")}, the base
 * URL is set), assert with {@code PlaywrightAssertions.assertThat(locator)} (auto-waiting, never sleep).
 *
 * <p>{@link #screenshot(String)} writes {@code target/screenshots/<name>.png}; run with
 * {@code -Datrium.screenshots=docs/screenshots} to refresh the committed product screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "atrium.demo.enabled=true")
@ActiveProfiles("test")
public abstract class BrowserTest {
    /** Password of every demo user (see README). */
    protected static final String DEMO_PASSWORD = "atrium-demo";
    /** Viewport of the desktop screenshots. */
    protected static final int WIDTH = 1280;
    protected static final int HEIGHT = 800;

    private static final String CHROMIUM = System.getenv().getOrDefault("ATRIUM_CHROMIUM", "/usr/bin/chromium");
    private static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    protected int port;
    protected BrowserContext context;
    protected Page page;

    /** On a failed test: a full-page PNG in target/screenshots/failed/ (taken before the page is closed). */
    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = test -> {
        if (test.getExecutionException().isPresent() && page != null) {
            Path file = projectDir().resolve("target/screenshots/failed")
                    .resolve(test.getRequiredTestClass().getSimpleName() + "-" + test.getRequiredTestMethod().getName() + ".png");
            try {
                page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
            } catch (RuntimeException e) {
                test.getExecutionException().get().addSuppressed(e);
            }
        }
    };

    @BeforeAll
    static void launchBrowser() {
        Path chromium = Paths.get(CHROMIUM);
        if (!Files.isExecutable(chromium)) {
            throw new IllegalStateException("Browser tests need Chromium at " + chromium + " but it is not there. Run "
                    + ".ci/setup-env.sh (as root: it installs Debian's chromium package, as CI does), or point "
                    + "ATRIUM_CHROMIUM at a Chromium binary. Playwright never downloads a browser here.");
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium).setHeadless(true).setArgs(CHROMIUM_ARGS));
        // Assertions wait for the page to settle; a busy 2-core CI machine can take more than the 5 s default
        // to answer an htmx request. This is a ceiling, not a timing assertion: a passing step returns at once.
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (playwright != null) {
            playwright.close();
            playwright = null;
        }
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port)
                .setViewportSize(WIDTH, HEIGHT)
                .setLocale("en-AU")
                .setTimezoneId("Australia/Sydney"));
        context.setDefaultTimeout(30_000);
        page = context.newPage();
    }

    @AfterEach
    void closePage() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    /** Logs in through the login form as a demo user (password {@value #DEMO_PASSWORD}) and waits until it worked. */
    protected void loginAs(String email) {
        loginAs(email, DEMO_PASSWORD);
        assertThat(page.getByTestId("who")).isVisible();
        // htmx and our scripts are deferred: typing into a search box before they run is typing into a plain form
        page.waitForLoadState();
    }

    /** Fills and submits the login form; does not check the outcome. */
    protected void loginAs(String email, String password) {
        page.navigate("/login");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        page.waitForLoadState();
    }

    /** Resizes the page to a phone's width (390 x 844, an iPhone 12-15). */
    protected void phoneViewport() {
        page.setViewportSize(390, 844);
    }

    /** Saves a PNG of what the viewport shows as {@code <dir>/<name>.png} and returns its path. */
    protected Path screenshot(String name) {
        return screenshot(name, false);
    }

    /** Saves a PNG of the viewport, or of the whole page when {@code fullPage}, as {@code <dir>/<name>.png}. */
    protected Path screenshot(String name, boolean fullPage) {
        Path file = screenshotDir().resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(fullPage).setAnimations(ScreenshotAnimations.DISABLED));
        return file;
    }

    private static Path screenshotDir() {
        return projectDir().resolve(System.getProperty("atrium.screenshots", "target/screenshots"));
    }

    private static Path projectDir() {
        // surefire runs in the project directory and sets "basedir"; an IDE usually runs there too
        return Paths.get(System.getProperty("basedir", ""));
    }
}
