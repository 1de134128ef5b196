package io.orderpulse.routing.channel;

import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import io.orderpulse.IntegrationTest;
import io.orderpulse.TestMailServer;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserContact;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.TestApi;
import io.orderpulse.routing.Channel;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The EMAIL channel of the running application, configured by {@code spring.mail.*} as in
 * production, sends to the address a user set in their profile, through the test
 * context's SMTP server ({@link TestMailServer}).
 */
@IntegrationTest
class EmailChannelTests {

	@Autowired
	TestApi api;

	@Autowired
	UserAccounts accounts;

	@Autowired
	List<ChannelSender> senders;

	@Autowired
	GreenMail smtp;

	@Autowired
	JavaMailSenderImpl mailSender;

	@Test
	void aUsersProfileAddressReceivesTheMessage() throws Exception {
		UserSummary user = this.api.createUser("Email Channel Org", "mailed", Role.BUYER);
		String address = user.username().toLowerCase() + "@example.com";
		this.api.put("/api/v1/users/me/contact", "{\"email\": \"" + address + "\"}", this.api.tokenFor(user));
		UserContact contact = this.accounts.contact(user.id()).orElseThrow();
		OutboundMessage message = new OutboundMessage(99L, user.orgId(),
				new OutboundMessage.Recipient(contact.id(), contact.username(), contact.displayName(), contact.email(),
						contact.phone()),
				"Flash sale starts at 20:00", "Pudding for 5.00 while stocks last.", "PROMOTION", "NORMAL", null,
				Messages.CREATED);

		ChannelSender email = this.senders.stream()
			.filter((sender) -> sender.channel() == Channel.EMAIL)
			.findFirst()
			.orElseThrow();
		email.send(message);

		MimeMessage received = await().until(() -> receivedBy(address), (found) -> found != null);
		assertThat(received.getSubject()).isEqualTo("Flash sale starts at 20:00");
		assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo("no-reply@orderpulse.test");
		assertThat(received.getContentType()).startsWith("multipart/mixed");
	}

	@Test
	void theApplicationsMailSenderHasBoundedTimeouts() {
		assertThat(this.mailSender.getJavaMailProperties()).containsEntry("mail.smtp.connectiontimeout", "5000")
			.containsEntry("mail.smtp.timeout", "10000")
			.containsEntry("mail.smtp.writetimeout", "10000");
	}

	private MimeMessage receivedBy(String address) throws Exception {
		for (MimeMessage message : this.smtp.getReceivedMessages()) {
			for (var to : message.getRecipients(RecipientType.TO)) {
				if (((InternetAddress) to).getAddress().equals(address)) {
					return message;
				}
			}
		}
		return null;
	}

}
