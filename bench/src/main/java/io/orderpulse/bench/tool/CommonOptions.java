package io.orderpulse.bench.tool;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options every scenario takes.
 */
final class CommonOptions {

	@Option(names = "--base-url", defaultValue = "http://localhost:8080",
			description = "The service's HTTP base URL (default: ${DEFAULT-VALUE}).")
	String baseUrl = "http://localhost:8080";

	@Option(names = "--ws-url",
			description = "The STOMP WebSocket URL (default: the base URL with ws:// and path /ws).")
	@Nullable String wsUrl;

	@Option(names = "--username", defaultValue = "admin",
			description = "An ADMIN to log in as, for the benchmark endpoints (default: ${DEFAULT-VALUE}).")
	String username = "admin";

	@Option(names = "--password", defaultValue = "password",
			description = "The ADMIN's password (default: ${DEFAULT-VALUE}).")
	String password = "password";

	@Option(names = "--token", description = "An ADMIN access token to use instead of logging in.")
	@Nullable String token;

	@Option(names = "--sessions", defaultValue = "1000",
			description = "WebSocket sessions, one per benchmark user (default: ${DEFAULT-VALUE}).")
	int sessions = 1000;

	@Option(names = "--connect-rate", defaultValue = "2000",
			description = "New sessions per second (default: ${DEFAULT-VALUE}).")
	int connectRate = 2000;

	@Option(names = "--connect-concurrency", defaultValue = "200",
			description = "Sessions being opened at once (default: ${DEFAULT-VALUE}).")
	int connectConcurrency = 200;

	@Option(names = "--source-addresses", split = ",",
			description = "Local addresses to spread client sockets over, e.g. 127.0.0.1,127.0.0.2 "
					+ "(when one address runs out of ephemeral ports).")
	List<String> sourceAddresses = new ArrayList<>();

	@Option(names = "--threads", defaultValue = "2",
			description = "Event loop threads of the WebSocket client (default: ${DEFAULT-VALUE}).")
	int threads = 2;

	@Option(names = "--server-pid",
			description = "The server's process id, when it runs on this machine: its RSS is read from /proc.")
	@Nullable Long serverPid;

	@Option(names = "--report-dir", defaultValue = "reports",
			description = "Where reports are written (default: ${DEFAULT-VALUE}).")
	Path reportDir = Path.of("reports");

	URI base() {
		return URI.create(this.baseUrl.endsWith("/") ? this.baseUrl : this.baseUrl + "/");
	}

	URI ws() {
		if (this.wsUrl != null) {
			return URI.create(this.wsUrl);
		}
		URI base = base();
		String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
		return URI.create(scheme + "://" + base.getRawAuthority() + base.getRawPath() + "ws");
	}

	List<InetAddress> sourceInetAddresses() {
		List<InetAddress> addresses = new ArrayList<>();
		for (String address : this.sourceAddresses) {
			try {
				addresses.add(InetAddress.getByName(address.strip()));
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException("--source-addresses: unknown address " + address, ex);
			}
		}
		return addresses;
	}

	void describe(Report report) {
		report.option("baseUrl", this.baseUrl)
			.option("wsUrl", ws().toString())
			.option("sessions", this.sessions)
			.option("connectRate", this.connectRate)
			.option("connectConcurrency", this.connectConcurrency)
			.option("threads", this.threads)
			.option("sourceAddresses", this.sourceAddresses);
	}

}
