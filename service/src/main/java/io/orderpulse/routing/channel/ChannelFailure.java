package io.orderpulse.routing.channel;

import org.jspecify.annotations.Nullable;

/**
 * An attempt to send through a channel failed.
 */
public class ChannelFailure extends Exception {

	private final boolean retryable;

	private final @Nullable Integer status;

	/**
	 * @param message what went wrong, as recorded on the delivery (no secrets)
	 * @param retryable whether another attempt could succeed (a timeout, a 5xx answer, a
	 * refused connection) or not (the recipient has no email address, the channel is not
	 * configured, a 4xx answer)
	 * @param cause the underlying exception, if any
	 */
	public ChannelFailure(String message, boolean retryable, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
		this.status = null;
	}

	public ChannelFailure(String message, boolean retryable) {
		super(message);
		this.retryable = retryable;
		this.status = null;
	}

	/**
	 * A receiver's answer other than success.
	 * @param status the HTTP status it answered
	 */
	public ChannelFailure(String message, boolean retryable, int status) {
		super(message);
		this.retryable = retryable;
		this.status = status;
	}

	/**
	 * Whether another attempt could succeed.
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

	/**
	 * The HTTP status the receiver answered, if it answered over HTTP.
	 */
	public @Nullable Integer status() {
		return this.status;
	}

}
