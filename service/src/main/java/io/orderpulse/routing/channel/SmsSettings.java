package io.orderpulse.routing.channel;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS channel ({@code orderpulse.routing.sms.*}): a generic HTTP gateway, since
 * providers differ. {@code {phone}} (E.164) and {@code {text}} in the URL are replaced by
 * their URL-encoded values; in the body they are URL-encoded for a form content type,
 * JSON-escaped (without quotes) for a JSON one, and inserted as they are otherwise.
 * Without a URL the channel reports itself not configured.
 *
 * @param url the gateway's URL template, such as
 * {@code https://sms.example.com/send?to={phone}&msg={text}}
 * @param method {@code GET} or {@code POST}
 * @param body the body template of a POST, if any
 * @param contentType the content type of the body
 * @param authHeaderName a header that authenticates the request, such as
 * {@code Authorization} or {@code X-Api-Key}
 * @param authHeaderValue the value of that header
 * @param username a user name for HTTP Basic authentication instead
 * @param password the password for HTTP Basic authentication
 * @param maxLength the longest text sent; longer texts are cut and end with an ellipsis
 * @param connectTimeout how long connecting to the gateway may take
 * @param readTimeout how long the gateway may take to answer once the request is sent
 */
@ConfigurationProperties("orderpulse.routing.sms")
public record SmsSettings(@Nullable String url, @DefaultValue("POST") Method method, @Nullable String body,
		@DefaultValue("application/x-www-form-urlencoded") String contentType, @Nullable String authHeaderName,
		@Nullable String authHeaderValue, @Nullable String username, @Nullable String password,
		@DefaultValue("500") int maxLength, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout) {

	/**
	 * The HTTP method of a gateway request.
	 */
	public enum Method {

		GET, POST

	}

	boolean configured() {
		return this.url != null && !this.url.isBlank();
	}

}
