package io.orderpulse.routing.channel;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;

import io.orderpulse.routing.Channel;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Delivers a message as an email through the SMTP server of {@code spring.mail.*}: the
 * title is the subject, the content the text part, and an HTML part (rendered from the
 * template {@code mail/message.html}, which escapes) shows both. A refused or timed-out
 * connection and a transient (4xx) SMTP reply may succeed later; a permanent (5xx) reply,
 * failed authentication, a missing address or missing configuration will not.
 */
@Component
class EmailSender implements ChannelSender {

	private final ObjectProvider<JavaMailSender> mailSender;

	private final EmailSettings settings;

	private final PebbleTemplate htmlTemplate;

	EmailSender(ObjectProvider<JavaMailSender> mailSender, EmailSettings settings) {
		this.mailSender = mailSender;
		this.settings = settings;
		this.htmlTemplate = htmlTemplate();
	}

	/**
	 * The HTML part's template, with an engine of its own (not the message templates'
	 * sandboxed one, which renders plain text): it loads only from the classpath and
	 * escapes every value for HTML.
	 */
	private static PebbleTemplate htmlTemplate() {
		ClasspathLoader loader = new ClasspathLoader(EmailSender.class.getClassLoader());
		loader.setPrefix("mail");
		PebbleEngine engine = new PebbleEngine.Builder().loader(loader)
			.autoEscaping(true)
			.defaultEscapingStrategy("html")
			.strictVariables(true)
			.build();
		return engine.getTemplate("message.html");
	}

	@Override
	public Channel channel() {
		return Channel.EMAIL;
	}

	@Override
	public void send(OutboundMessage message) throws ChannelFailure {
		JavaMailSender sender = this.mailSender.getIfAvailable();
		if (sender == null) {
			throw new ChannelFailure("Email not configured (spring.mail.host)", false);
		}
		String from = this.settings.from();
		if (from == null || from.isBlank()) {
			throw new ChannelFailure("Email not configured (orderpulse.routing.email.from)", false);
		}
		OutboundMessage.Recipient recipient = message.recipient();
		if (recipient.email() == null || recipient.email().isBlank()) {
			throw new ChannelFailure("Recipient " + recipient.userId() + " has no email address", false);
		}
		MimeMessage mime = prepare(sender, message, from);
		try {
			sender.send(mime);
		}
		catch (MailAuthenticationException ex) {
			throw new ChannelFailure("SMTP authentication failed", false, ex);
		}
		catch (MailSendException ex) {
			throw failure(ex);
		}
		catch (MailException ex) {
			throw new ChannelFailure("Email could not be sent: " + ex.getMessage(), false, ex);
		}
	}

	private MimeMessage prepare(JavaMailSender sender, OutboundMessage message, String from) throws ChannelFailure {
		OutboundMessage.Recipient recipient = message.recipient();
		MimeMessage mime = sender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
			helper.setFrom(InternetAddress.parse(from, true)[0]);
			helper.setTo(new InternetAddress(recipient.email(), recipient.displayName(), "UTF-8"));
			// one line: a line break in a title must not start a header of its own
			helper.setSubject(message.title().replaceAll("[\\r\\n]+", " ").strip());
			helper.setText(message.content(), html(message));
			mime.setHeader("X-OrderPulse-Message-Id", Long.toString(message.messageId()));
			// RFC 3834: no vacation auto-replies to a notification
			mime.setHeader("Auto-Submitted", "auto-generated");
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new ChannelFailure("Email could not be composed: " + ex.getMessage(), false, ex);
		}
		return mime;
	}

	/**
	 * The HTML rendering of the message, from the template {@code mail/message.html}:
	 * title and content escaped by the template engine, line breaks kept.
	 */
	String html(OutboundMessage message) {
		Map<String, Object> model = Map.of("title", message.title(), "lines",
				List.of(message.content().split("\\r\\n|\\n", -1)), "messageId", Long.toString(message.messageId()));
		StringWriter html = new StringWriter();
		try {
			this.htmlTemplate.evaluate(html, model);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return html.toString();
	}

	/**
	 * What a failed send means: the SMTP reply code when the server answered, otherwise
	 * whether the connection failed (worth retrying).
	 */
	private static ChannelFailure failure(MailSendException ex) {
		for (Exception cause : ex.getMessageExceptions()) {
			ChannelFailure failure = classify(cause);
			if (failure != null) {
				return failure;
			}
		}
		ChannelFailure failure = classify(ex);
		return (failure != null) ? failure
				: new ChannelFailure("Email could not be sent: " + ex.getMessage(), true, ex);
	}

	private static @Nullable ChannelFailure classify(Throwable top) {
		for (Throwable cause = top; cause != null; cause = next(cause)) {
			int code = replyCode(cause);
			if (code > 0) {
				boolean transientReply = code >= 400 && code < 500;
				return new ChannelFailure("SMTP server answered " + code + ": " + oneLine(cause.getMessage()),
						transientReply, top);
			}
			if (cause instanceof MailConnectException || cause instanceof java.net.ConnectException) {
				return new ChannelFailure("Could not connect to the SMTP server: " + oneLine(cause.getMessage()), true,
						top);
			}
			if (cause instanceof SocketTimeoutException) {
				return new ChannelFailure("SMTP server timed out: " + oneLine(cause.getMessage()), true, top);
			}
			if (cause instanceof IOException) {
				return new ChannelFailure("SMTP connection failed: " + oneLine(cause.toString()), true, top);
			}
		}
		return null;
	}

	private static int replyCode(Throwable cause) {
		if (cause instanceof SMTPAddressFailedException failed) {
			return failed.getReturnCode();
		}
		if (cause instanceof SMTPSendFailedException failed) {
			return failed.getReturnCode();
		}
		return -1;
	}

	private static @Nullable Throwable next(Throwable cause) {
		if (cause instanceof MessagingException messaging && messaging.getNextException() != null) {
			return messaging.getNextException();
		}
		Throwable next = cause.getCause();
		return (next != cause) ? next : null;
	}

	private static String oneLine(@Nullable String text) {
		return (text != null) ? text.strip().replaceAll("\\s+", " ") : "";
	}

}
