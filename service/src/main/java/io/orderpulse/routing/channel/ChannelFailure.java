package io.orderpulse.routing.channel;

/**
 * An attempt to send through a channel failed.
 */
public class ChannelFailure extends Exception {

	private final boolean retryable;

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
	}

	public ChannelFailure(String message, boolean retryable) {
		super(message);
		this.retryable = retryable;
	}

	/**
	 * Whether another attempt could succeed.
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

}
