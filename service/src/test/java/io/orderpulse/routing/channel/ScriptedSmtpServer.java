package io.orderpulse.routing.channel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server that speaks just enough of the protocol to refuse every recipient with a
 * reply of the test's choosing (such as {@code 451 4.3.0 try again later}), for the
 * replies GreenMail never gives. One connection at a time, on a free loopback port. It
 * remembers the recipients it was asked for, so a test can count its own attempts.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final String recipientReply;

	private final Thread acceptor;

	private final List<String> recipients = new CopyOnWriteArrayList<>();

	public ScriptedSmtpServer(String recipientReply) throws IOException {
		this.socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
		this.recipientReply = recipientReply;
		this.acceptor = Thread.ofVirtual().start(this::serve);
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	/**
	 * How many times a transaction asked for the recipient (an address, compared ignoring
	 * case).
	 */
	public long attemptsFor(String address) {
		return this.recipients.stream().filter((line) -> line.contains(address.toLowerCase(Locale.ROOT))).count();
	}

	private void serve() {
		while (!this.socket.isClosed()) {
			try (Socket client = this.socket.accept()) {
				converse(client);
			}
			catch (IOException ex) {
				// closed by the test, or the client hung up
			}
		}
	}

	private void converse(Socket client) throws IOException {
		BufferedReader in = new BufferedReader(
				new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
		Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
		reply(out, "220 scripted ESMTP");
		String line;
		while ((line = in.readLine()) != null) {
			String command = line.toUpperCase(Locale.ROOT);
			if (command.startsWith("EHLO") || command.startsWith("HELO")) {
				reply(out, "250 scripted");
			}
			else if (command.startsWith("RCPT")) {
				this.recipients.add(line.toLowerCase(Locale.ROOT));
				reply(out, this.recipientReply);
			}
			else if (command.startsWith("QUIT")) {
				reply(out, "221 bye");
				return;
			}
			else {
				reply(out, "250 ok");
			}
		}
	}

	private static void reply(Writer out, String line) throws IOException {
		out.write(line + "\r\n");
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		this.acceptor.interrupt();
	}

}
