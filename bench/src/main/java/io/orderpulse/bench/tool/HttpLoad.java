package io.orderpulse.bench.tool;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP/1.1 load client: a pool of keep-alive connections on a small Netty event loop
 * group, one request at a time on each. The JDK's {@code HttpClient} took about 0.8 ms of
 * CPU per request here, so at a thousand requests per second the load tool used a whole
 * core of the two it shares with the server; this costs a small fraction of that, which
 * leaves the cores to the server being measured.
 */
final class HttpLoad implements AutoCloseable {

	/** A response: its status and the nanoseconds from writing the request to its end. */
	record Response(int status, long nanos) {
	}

	private final URI base;

	private final String host;

	private final int maxConnections;

	private final EventLoopGroup group;

	private final Bootstrap bootstrap;

	private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>();

	private final AtomicInteger connections = new AtomicInteger();

	/**
	 * @param base the service's base URL ({@code http://host:port})
	 * @param maxConnections requests in flight at most (one per connection)
	 * @param threads event loop threads
	 */
	HttpLoad(URI base, int maxConnections, int threads) {
		if (!"http".equals(base.getScheme())) {
			throw new IllegalArgumentException("Only http:// is supported by the load client: " + base);
		}
		this.base = base;
		int port = (base.getPort() > 0) ? base.getPort() : 80;
		this.host = base.getHost() + ":" + port;
		this.maxConnections = maxConnections;
		this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
		this.bootstrap = new Bootstrap().group(this.group)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
			.option(ChannelOption.TCP_NODELAY, true)
			.remoteAddress(base.getHost(), port)
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new HttpClientCodec())
						.addLast(new HttpObjectAggregator(1 << 20))
						.addLast(new Connection(channel));
				}
			});
	}

	/**
	 * Sends a request on an idle connection, waiting for one while all are busy (so at
	 * most {@code maxConnections} are in flight, like a semaphore).
	 * @param headers request headers (Host, Content-Length and keep-alive are set)
	 * @param body the body, or null for none
	 * @param timeoutMillis after this the request fails and its connection is closed
	 * @return completes with the response, or exceptionally on a failure or timeout
	 */
	CompletableFuture<Response> send(HttpMethod method, String path, Map<String, String> headers,
			byte @Nullable [] body, long timeoutMillis) throws InterruptedException {
		Connection connection = take();
		DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method,
				this.base.resolve(path).getRawPath(),
				(body != null) ? Unpooled.wrappedBuffer(body) : Unpooled.EMPTY_BUFFER);
		request.headers().set(HttpHeaderNames.HOST, this.host);
		headers.forEach(request.headers()::set);
		HttpUtil.setContentLength(request, (body != null) ? body.length : 0);
		return connection.send(request, timeoutMillis);
	}

	private Connection take() throws InterruptedException {
		while (true) {
			Connection connection = this.idle.poll();
			if (connection != null) {
				if (connection.channel.isActive()) {
					return connection;
				}
				continue;
			}
			int open = this.connections.get();
			if (open < this.maxConnections && this.connections.compareAndSet(open, open + 1)) {
				try {
					Channel channel = this.bootstrap.connect().sync().channel();
					return channel.pipeline().get(Connection.class);
				}
				catch (RuntimeException ex) {
					this.connections.decrementAndGet();
					throw ex;
				}
			}
			connection = this.idle.poll(100, TimeUnit.MILLISECONDS);
			if (connection != null && connection.channel.isActive()) {
				return connection;
			}
		}
	}

	@Override
	public void close() {
		this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

	/** One keep-alive connection and the request in flight on it. */
	private final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {

		private final Channel channel;

		private @Nullable CompletableFuture<Response> pending;

		private @Nullable ScheduledFuture<?> timeout;

		private long written;

		Connection(Channel channel) {
			this.channel = channel;
		}

		CompletableFuture<Response> send(DefaultFullHttpRequest request, long timeoutMillis) {
			CompletableFuture<Response> response = new CompletableFuture<>();
			this.channel.eventLoop().execute(() -> {
				this.pending = response;
				this.written = System.nanoTime();
				this.timeout = this.channel.eventLoop().schedule(() -> {
					if (this.pending == response) {
						fail(new TimeoutException("No response within " + timeoutMillis + " ms"));
					}
				}, timeoutMillis, TimeUnit.MILLISECONDS);
				this.channel.writeAndFlush(request).addListener((write) -> {
					if (!write.isSuccess()) {
						fail(write.cause());
					}
				});
			});
			return response;
		}

		@Override
		protected void channelRead0(ChannelHandlerContext context, FullHttpResponse message) {
			CompletableFuture<Response> response = this.pending;
			if (response == null) {
				return;
			}
			this.pending = null;
			cancelTimeout();
			Response result = new Response(message.status().code(), System.nanoTime() - this.written);
			if (HttpUtil.isKeepAlive(message)) {
				HttpLoad.this.idle.offer(this);
			}
			else {
				this.channel.close();
			}
			response.complete(result);
		}

		@Override
		public void channelInactive(ChannelHandlerContext context) {
			HttpLoad.this.connections.decrementAndGet();
			fail(new IllegalStateException("Connection closed by the server"));
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			fail(cause);
		}

		private void fail(Throwable cause) {
			CompletableFuture<Response> response = this.pending;
			this.pending = null;
			cancelTimeout();
			this.channel.close();
			if (response != null) {
				response.completeExceptionally(cause);
			}
		}

		private void cancelTimeout() {
			if (this.timeout != null) {
				this.timeout.cancel(false);
				this.timeout = null;
			}
		}

	}

}
