package io.orderpulse.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies: a declared length over the limit is refused before anything reads
 * it, and a chunked body fails with {@link RequestBodyTooLarge} as soon as it crosses the
 * limit. The servlet container only caps form posts, and JSON bodies would otherwise be
 * buffered whole.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long limit;

	RequestBodyLimitFilter(long limit) {
		this.limit = limit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.limit) {
			drain(request);
			ProblemResponses.write(response, ProblemDetails.payloadTooLarge(this.limit));
			return;
		}
		LimitedRequest limited = new LimitedRequest(request, this.limit);
		try {
			chain.doFilter(limited, response);
		}
		finally {
			if (limited.exceeded()) {
				drain(request);
			}
		}
	}

	/**
	 * Reads and discards what the client is still sending (up to a bound), so that it
	 * finishes and reads the 413 instead of having its connection reset mid-upload.
	 */
	private void drain(HttpServletRequest request) {
		long budget = Math.max(1024 * 1024, 4 * this.limit);
		byte[] buffer = new byte[8192];
		try {
			ServletInputStream input = request.getInputStream();
			int n;
			while (budget > 0 && (n = input.read(buffer)) > 0) {
				budget -= n;
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away or the body was already taken: nothing left to drain
		}
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private @Nullable LimitedInputStream stream;

		private LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

		boolean exceeded() {
			return this.stream != null && this.stream.count > this.limit;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long count;

		private LimitedInputStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws RequestBodyTooLarge {
			this.count += n;
			if (this.count > this.limit) {
				throw new RequestBodyTooLarge(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
