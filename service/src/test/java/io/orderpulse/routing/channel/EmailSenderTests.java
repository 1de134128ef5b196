package io.orderpulse.routing.channel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.orderpulse.routing.Channel;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The email channel against a real SMTP server (GreenMail on a free port), configured the
 * way the application is: Spring Boot's {@code spring.mail.*} and
 * {@code orderpulse.routing.email.from}, in a small context of its own rather than the
 * shared application context.
 */
class EmailSenderTests {

	private static final String FROM = "OrderPulse <no-reply@orderpulse.test>";

	GreenMail smtp;

	@BeforeEach
	void start() {
		this.smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
		this.smtp.start();
	}

	@AfterEach
	void stop() {
		this.smtp.stop();
	}

	@Test
	void theTitleIsTheSubjectTheContentTheTextAndAnHtmlPartShowsBothEscaped() throws Exception {
		OutboundMessage message = Messages.message(1L, "alice@example.com", null, "Order 42 shipped <today>",
				"Dear Alice,\n<b>50%</b> & more is on its way.");
		runner(this.smtp.getSmtp().getPort()).run((context) -> {
			ChannelSender sender = context.getBean(EmailSender.class);
			assertThat(sender.channel()).isEqualTo(Channel.EMAIL);
			sender.send(message);
		});

		assertThat(this.smtp.waitForIncomingEmail(5000, 1)).isTrue();
		MimeMessage received = this.smtp.getReceivedMessages()[0];
		assertThat(received.getSubject()).isEqualTo("Order 42 shipped <today>");
		assertThat(received.getRecipients(RecipientType.TO)).extracting((address) -> (InternetAddress) address)
			.singleElement()
			.satisfies((to) -> {
				assertThat(to.getAddress()).isEqualTo("alice@example.com");
				assertThat(to.getPersonal()).isEqualTo("Alice Chen");
			});
		assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo("no-reply@orderpulse.test");
		assertThat(received.getHeader("X-OrderPulse-Message-Id")).containsExactly("4711");
		assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");

		List<Part> parts = leaves(received);
		Part text = parts.stream().filter((part) -> isType(part, "text/plain")).findFirst().orElseThrow();
		Part html = parts.stream().filter((part) -> isType(part, "text/html")).findFirst().orElseThrow();
		assertThat(normalized((String) text.getContent())).isEqualTo("Dear Alice,\n<b>50%</b> & more is on its way.");
		assertThat((String) html.getContent())
			.contains("<h2 style=\"margin: 0 0 12px;\">Order 42 shipped &lt;today&gt;</h2>")
			.contains("Dear Alice,<br>")
			.contains("&lt;b&gt;50%&lt;/b&gt; &amp; more is on its way.")
			.doesNotContain("<b>50%");
	}

	@Test
	void markupInTheTitleAndContentIsTextInTheHtmlPartNeverMarkup() throws Exception {
		String title = "</title><script>alert(1)</script>\"><svg onload=alert(2)>";
		String content = "Hi \"><img src=x onerror=alert(3)>\n<a href='javascript:alert(4)'>click</a> {{ 7*7 }} {% if true %}";
		OutboundMessage message = Messages.message(1L, "alice@example.com", null, title, content);
		runner(this.smtp.getSmtp().getPort()).run((context) -> context.getBean(EmailSender.class).send(message));

		assertThat(this.smtp.waitForIncomingEmail(5000, 1)).isTrue();
		MimeMessage received = this.smtp.getReceivedMessages()[0];
		assertThat(received.getSubject()).isEqualTo(title);
		List<Part> parts = leaves(received);
		Part text = parts.stream().filter((part) -> isType(part, "text/plain")).findFirst().orElseThrow();
		Part html = parts.stream().filter((part) -> isType(part, "text/html")).findFirst().orElseThrow();
		assertThat(normalized((String) text.getContent())).isEqualTo(content);
		assertThat((String) html.getContent()).contains(
				"<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;svg onload=alert(2)&gt;</title>")
			.contains(">&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;svg onload=alert(2)&gt;</h2>")
			.contains("Hi &quot;&gt;&lt;img src=x onerror=alert(3)&gt;<br>")
			.contains("&lt;a href=&#39;javascript:alert(4)&#39;&gt;click&lt;/a&gt; {{ 7*7 }} {% if true %}")
			.doesNotContain("<script", "<svg", "<img", "<a ", "49")
			.containsOnlyOnce("<title>")
			.containsOnlyOnce("<h2");
	}

	@Test
	void aLineBreakInTheTitleCannotAddAHeader() throws Exception {
		OutboundMessage message = Messages.message(1L, "alice@example.com", null,
				"Hello\r\nBcc: mallory@example.com\r\nX-Injected: yes", "Body");
		runner(this.smtp.getSmtp().getPort()).run((context) -> context.getBean(EmailSender.class).send(message));

		assertThat(this.smtp.waitForIncomingEmail(5000, 1)).isTrue();
		assertThat(this.smtp.getReceivedMessages()).as("delivered to alice only").hasSize(1);
		MimeMessage received = this.smtp.getReceivedMessages()[0];
		assertThat(received.getSubject()).isEqualTo("Hello Bcc: mallory@example.com X-Injected: yes");
		assertThat(received.getHeader("X-Injected")).isNull();
		assertThat(received.getAllRecipients()).extracting((address) -> ((InternetAddress) address).getAddress())
			.containsExactly("alice@example.com");
	}

	@Test
	void aServerThatIsDownIsARetryableFailureWithinTheTimeout() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		runner(closedPort).run((context) -> {
			EmailSender sender = context.getBean(EmailSender.class);
			long start = System.nanoTime();
			assertThatExceptionOfType(ChannelFailure.class)
				.isThrownBy(() -> sender.send(Messages.to("alice@example.com", null)))
				.satisfies((failure) -> assertThat(failure.isRetryable()).isTrue())
				.withMessageContaining("connect");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		});
	}

	@Test
	void aServerThatNeverAnswersIsARetryableFailureAfterTheReadTimeout() throws Exception {
		// listening but never accepting: the kernel completes the connection, no greeting
		// ever comes
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			runner(silent.getLocalPort()).run((context) -> {
				EmailSender sender = context.getBean(EmailSender.class);
				long start = System.nanoTime();
				assertThatExceptionOfType(ChannelFailure.class)
					.isThrownBy(() -> sender.send(Messages.to("alice@example.com", null)))
					.satisfies((failure) -> assertThat(failure.isRetryable()).isTrue());
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
				assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(1900)).isLessThan(Duration.ofSeconds(8));
			});
		}
	}

	@Test
	void aTransientSmtpReplyIsRetryableAndAPermanentOneIsNot() throws Exception {
		try (ScriptedSmtpServer busy = new ScriptedSmtpServer("451 4.3.0 mailbox busy, try again later")) {
			runner(busy.port()).run((context) -> assertThatExceptionOfType(ChannelFailure.class)
				.isThrownBy(() -> context.getBean(EmailSender.class).send(Messages.to("alice@example.com", null)))
				.satisfies((failure) -> assertThat(failure.isRetryable()).isTrue())
				.withMessageContaining("451"));
		}
		try (ScriptedSmtpServer unknown = new ScriptedSmtpServer("550 5.1.1 no such user")) {
			runner(unknown.port()).run((context) -> assertThatExceptionOfType(ChannelFailure.class)
				.isThrownBy(() -> context.getBean(EmailSender.class).send(Messages.to("nobody@example.com", null)))
				.satisfies((failure) -> assertThat(failure.isRetryable()).isFalse())
				.withMessageContaining("550"));
		}
	}

	@Test
	void withoutAnAddressOrConfigurationNothingIsSentAndRetryingWouldNotHelp() throws Exception {
		runner(this.smtp.getSmtp().getPort()).run((context) -> assertThatExceptionOfType(ChannelFailure.class)
			.isThrownBy(() -> context.getBean(EmailSender.class).send(Messages.to(null, "+8613800000000")))
			.satisfies((failure) -> assertThat(failure.isRetryable()).isFalse())
			.withMessageContaining("no email address"));

		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
			.withUserConfiguration(EmailChannel.class)
			.withPropertyValues("orderpulse.routing.email.from=" + FROM)
			.run((context) -> assertThatExceptionOfType(ChannelFailure.class)
				.isThrownBy(() -> context.getBean(EmailSender.class).send(Messages.to("alice@example.com", null)))
				.satisfies((failure) -> assertThat(failure.isRetryable()).isFalse())
				.withMessage("Email not configured (spring.mail.host)"));

		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
			.withUserConfiguration(EmailChannel.class)
			.withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=" + this.smtp.getSmtp().getPort())
			.run((context) -> assertThatExceptionOfType(ChannelFailure.class)
				.isThrownBy(() -> context.getBean(EmailSender.class).send(Messages.to("alice@example.com", null)))
				.satisfies((failure) -> assertThat(failure.isRetryable()).isFalse())
				.withMessage("Email not configured (orderpulse.routing.email.from)"));

		assertThat(this.smtp.getReceivedMessages()).isEmpty();
	}

	private static ApplicationContextRunner runner(int port) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
			.withUserConfiguration(EmailChannel.class)
			.withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=" + port,
					"spring.mail.properties[mail.smtp.connectiontimeout]=2000",
					"spring.mail.properties[mail.smtp.timeout]=2000",
					"spring.mail.properties[mail.smtp.writetimeout]=2000", "orderpulse.routing.email.from=" + FROM);
	}

	private static boolean isType(Part part, String type) {
		try {
			return part.isMimeType(type);
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static String normalized(String text) {
		return text.replace("\r\n", "\n");
	}

	/**
	 * The parts of a message that are not multiparts themselves, depth first.
	 */
	private static List<Part> leaves(Part part) throws Exception {
		List<Part> leaves = new ArrayList<>();
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				leaves.addAll(leaves(child));
			}
		}
		else {
			leaves.add(part);
		}
		return leaves;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(EmailSettings.class)
	@Import(EmailSender.class)
	static class EmailChannel {

	}

}
