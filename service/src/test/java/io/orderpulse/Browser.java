package io.orderpulse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.Playwright;
import org.springframework.util.FileSystemUtils;

/**
 * Headless Chromium from the operating system (Debian's {@code chromium} package) driven
 * by Playwright, with a fresh profile. Playwright's own browser download is disabled:
 * only the system browser is used. Override the binary with {@code ORDERPULSE_CHROMIUM}.
 */
public final class Browser implements AutoCloseable {

	private static final Path EXECUTABLE = Path
		.of(System.getenv().getOrDefault("ORDERPULSE_CHROMIUM", "/usr/bin/chromium"));

	private static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

	private final Playwright playwright;

	private final BrowserContext context;

	private final Path profile;

	private Browser(Playwright playwright, BrowserContext context, Path profile) {
		this.playwright = playwright;
		this.context = context;
		this.profile = profile;
	}

	public static Browser launch() throws IOException {
		if (!Files.isExecutable(EXECUTABLE)) {
			throw new IllegalStateException(EXECUTABLE + " is missing: install Debian's chromium package "
					+ "(scripts/test.sh does) or set ORDERPULSE_CHROMIUM");
		}
		Path profile = Files.createTempDirectory("orderpulse-chromium-");
		Playwright playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		try {
			BrowserContext context = playwright.chromium()
				.launchPersistentContext(profile,
						new BrowserType.LaunchPersistentContextOptions().setExecutablePath(EXECUTABLE)
							.setHeadless(true)
							.setArgs(ARGS));
			return new Browser(playwright, context, profile);
		}
		catch (RuntimeException ex) {
			playwright.close();
			throw ex;
		}
	}

	public Page newPage() {
		return this.context.newPage();
	}

	/**
	 * A new tab (its own session: pages keep the token per tab) signed in as the user on
	 * the landing page, then on the page, with its socket live.
	 */
	public Page signedIn(TestApi api, String username, String path) {
		Page tab = signedInWithoutSocket(api, username, path);
		PlaywrightAssertions.assertThat(tab.locator("#connection")).hasText("live");
		return tab;
	}

	/**
	 * A new tab signed in as the user on the landing page, then on a page that holds no
	 * socket.
	 */
	public Page signedInWithoutSocket(TestApi api, String username, String path) {
		Page tab = newPage();
		tab.navigate(api.uri("/").toString());
		tab.getByLabel("Username").fill(username);
		tab.getByLabel("Password").fill("password");
		tab.locator("#login-button").click();
		PlaywrightAssertions.assertThat(tab.locator("#user-panel")).isVisible();
		tab.navigate(api.uri(path).toString());
		return tab;
	}

	/**
	 * Closes the browsers that were launched.
	 */
	public static void closeAll(Browser... browsers) throws IOException {
		for (Browser browser : browsers) {
			if (browser != null) {
				browser.close();
			}
		}
	}

	@Override
	public void close() throws IOException {
		try {
			this.context.close();
		}
		finally {
			this.playwright.close();
			FileSystemUtils.deleteRecursively(this.profile);
		}
	}

}
