package io.orderpulse.routing.channel;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The email channel ({@code orderpulse.routing.email.*}). The SMTP server itself is
 * Spring Boot's {@code spring.mail.*} (host, port, username, password, and the bounded
 * {@code mail.smtp.*timeout} properties); without {@code spring.mail.host} there is no
 * mail sender and the channel reports itself not configured.
 *
 * @param from the sender address, such as {@code OrderPulse <no-reply@example.com>};
 * required to send
 */
@ConfigurationProperties("orderpulse.routing.email")
public record EmailSettings(@Nullable String from) {

}
