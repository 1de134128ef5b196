package io.orderpulse.bench.tool;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;

/**
 * Many STOMP sessions over WebSocket on one small Netty event loop group (two threads
 * hold tens of thousands of idle sessions). Each session CONNECTs with a bearer token and
 * no heart-beats, SUBSCRIBEs to its destinations and is ready when the receipt of the
 * last SUBSCRIBE arrives. Client sockets can be spread over several local source
 * addresses when one address runs out of ephemeral ports.
 */
final class StompSessions implements AutoCloseable {

	/**
	 * Receives the MESSAGE frames of all sessions, on an event loop thread.
	 */
	@FunctionalInterface
	interface Listener {

		void onMessage(int session, StompFrame frame, long receivedAtMillis);

	}

	private static final AttributeKey<Boolean> INTENTIONAL = AttributeKey.valueOf("intentional");

	private final URI uri;

	private final InetSocketAddress remote;

	private final List<InetAddress> sourceAddresses;

	private final EventLoopGroup group;

	private final Bootstrap bootstrap;

	private final ChannelGroup channels;

	private final Listener listener;

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger dropped = new AtomicInteger();

	private final Map<Integer, Channel> byIndex = new ConcurrentHashMap<>();

	private volatile boolean closing;

	StompSessions(URI uri, List<InetAddress> sourceAddresses, int threads, Listener listener) {
		this.uri = uri;
		int port = (uri.getPort() > 0) ? uri.getPort() : ("wss".equals(uri.getScheme()) ? 443 : 80);
		if ("wss".equals(uri.getScheme())) {
			throw new IllegalArgumentException("wss:// is not supported yet: use ws://");
		}
		this.remote = new InetSocketAddress(uri.getHost(), port);
		this.sourceAddresses = List.copyOf(sourceAddresses);
		this.listener = listener;
		this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
		this.channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
		this.bootstrap = new Bootstrap().group(this.group)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.SO_KEEPALIVE, false);
	}

	/**
	 * Opens a session.
	 * @param index the session's index, passed to the listener
	 * @param token the user's access token
	 * @param destinations what to subscribe to
	 * @return completes with the nanoseconds from the TCP connect to the last receipt
	 */
	CompletableFuture<Long> open(int index, String token, List<String> destinations) {
		return open(index, token, destinations, null);
	}

	/**
	 * Opens a session whose subscriptions resume after a sequence number
	 * ({@code x-resume-after}), or live only when it is null.
	 */
	CompletableFuture<Long> open(int index, String token, List<String> destinations, @Nullable Long resumeAfter) {
		CompletableFuture<Long> ready = new CompletableFuture<>();
		long started = System.nanoTime();
		Session session = new Session(index, token, destinations, ready, started, resumeAfter);
		Bootstrap connect = this.bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
			@Override
			protected void initChannel(SocketChannel channel) {
				WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
					.webSocketUri(StompSessions.this.uri)
					.version(WebSocketVersion.V13)
					.subprotocol("v12.stomp")
					.handshakeTimeoutMillis(15_000)
					.maxFramePayloadLength(1 << 20)
					.build();
				channel.pipeline()
					.addLast(new HttpClientCodec(), new HttpObjectAggregator(65_536),
							new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(1 << 20), session);
			}
		});
		ChannelFuture future = this.sourceAddresses.isEmpty() ? connect.connect(this.remote) : connect.connect(
				this.remote, new InetSocketAddress(this.sourceAddresses.get(index % this.sourceAddresses.size()), 0));
		future.addListener((ChannelFuture done) -> {
			if (!done.isSuccess()) {
				ready.completeExceptionally(done.cause());
				return;
			}
			Channel channel = done.channel();
			this.channels.add(channel);
			this.byIndex.put(index, channel);
			channel.eventLoop().schedule(() -> {
				if (!ready.isDone()) {
					ready.completeExceptionally(new TimeoutException("not subscribed within 30 s"));
					channel.close();
				}
			}, 30, TimeUnit.SECONDS);
		});
		return ready;
	}

	/**
	 * Closes one session on purpose, as a client that loses its connection (not counted
	 * as dropped).
	 * @return completes when the connection is closed
	 */
	CompletableFuture<Void> disconnect(int index) {
		CompletableFuture<Void> closed = new CompletableFuture<>();
		Channel channel = this.byIndex.remove(index);
		if (channel == null) {
			closed.complete(null);
			return closed;
		}
		channel.attr(INTENTIONAL).set(Boolean.TRUE);
		channel.close().addListener((future) -> closed.complete(null));
		return closed;
	}

	/** Sessions subscribed and still open. */
	int openSessions() {
		return this.open.get();
	}

	/** Sessions that were ready and closed without being asked to. */
	int droppedSessions() {
		return this.dropped.get();
	}

	@Override
	public void close() {
		this.closing = true;
		this.channels.close().awaitUninterruptibly(30, TimeUnit.SECONDS);
		this.group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
	}

	private final class Session extends SimpleChannelInboundHandler<WebSocketFrame> {

		private final int index;

		private final String token;

		private final List<String> destinations;

		private final CompletableFuture<Long> ready;

		private final long started;

		private final StompDecoder decoder = new StompDecoder();

		private final @Nullable Long resumeAfter;

		Session(int index, String token, List<String> destinations, CompletableFuture<Long> ready, long started,
				@Nullable Long resumeAfter) {
			this.index = index;
			this.token = token;
			this.destinations = destinations;
			this.ready = ready;
			this.started = started;
			this.resumeAfter = resumeAfter;
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
			if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
				ctx.writeAndFlush(new TextWebSocketFrame(StompFrame.encode("CONNECT", "", "accept-version", "1.2",
						"host", StompSessions.this.uri.getHost(), "heart-beat", "0,0", "Authorization",
						"Bearer " + this.token)));
			}
			else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
				fail(ctx, "WebSocket handshake timed out");
			}
			super.userEventTriggered(ctx, event);
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame message) {
			if (!(message instanceof TextWebSocketFrame text)) {
				return;
			}
			long now = System.currentTimeMillis();
			for (StompFrame frame : this.decoder.decode(text.text())) {
				switch (frame.command()) {
					case "MESSAGE" -> StompSessions.this.listener.onMessage(this.index, frame, now);
					case "CONNECTED" -> subscribe(ctx);
					case "RECEIPT" -> {
						if (!this.ready.isDone()) {
							StompSessions.this.open.incrementAndGet();
							this.ready.complete(System.nanoTime() - this.started);
						}
					}
					case "ERROR" -> fail(ctx, "ERROR " + frame.header("message") + ": " + frame.body());
					default -> {
					}
				}
			}
		}

		private void subscribe(ChannelHandlerContext ctx) {
			for (int i = 0; i < this.destinations.size(); i++) {
				boolean last = i == this.destinations.size() - 1;
				List<String> headers = new ArrayList<>(List.of("id", "s" + i, "destination", this.destinations.get(i)));
				if (this.resumeAfter != null) {
					headers.addAll(List.of("x-resume-after", Long.toString(this.resumeAfter)));
				}
				if (last) {
					headers.addAll(List.of("receipt", "ready"));
				}
				String frame = StompFrame.encode("SUBSCRIBE", "", headers.toArray(String[]::new));
				ctx.write(new TextWebSocketFrame(frame));
			}
			ctx.flush();
		}

		private void fail(ChannelHandlerContext ctx, String reason) {
			this.ready.completeExceptionally(new IllegalStateException(reason));
			ctx.close();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) throws Exception {
			if (this.ready.isDone() && !this.ready.isCompletedExceptionally()) {
				StompSessions.this.open.decrementAndGet();
				if (!StompSessions.this.closing && ctx.channel().attr(INTENTIONAL).get() == null) {
					StompSessions.this.dropped.incrementAndGet();
				}
			}
			else {
				this.ready.completeExceptionally(new IllegalStateException("connection closed before subscribed"));
			}
			super.channelInactive(ctx);
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			this.ready.completeExceptionally(cause);
			ctx.close();
		}

	}

}
