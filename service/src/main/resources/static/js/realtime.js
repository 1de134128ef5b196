// The signed-in user's STOMP connection (the @stomp/stompjs library, served as a webjar).
// Subscriptions resume after the last sequence number this tab has seen, so nothing pushed while
// the page was away (or reconnecting) is missed.
const Realtime = {
	client: null,
	handlers: {},
	seqKey: (destination) => 'orderpulse.seq.' + destination,
	start(onStatus) {
		const session = Session.get();
		if (!session) {
			return;
		}
		const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
		this.client = new StompJs.Client({
			brokerURL: scheme + location.host + '/ws',
			connectHeaders: { Authorization: 'Bearer ' + session.token },
			heartbeatIncoming: 10000,
			heartbeatOutgoing: 10000,
			reconnectDelay: 2000,
		});
		this.client.onConnect = () => {
			onStatus && onStatus('live');
			for (const [destination, handler] of Object.entries(this.handlers)) {
				this.subscribeNow(destination, handler);
			}
		};
		this.client.onWebSocketClose = () => onStatus && onStatus('reconnecting');
		this.client.onStompError = (frame) => onStatus && onStatus('error: ' + frame.headers.message);
		this.client.activate();
	},
	subscribe(destination, handler) {
		this.handlers[destination] = handler;
		if (this.client && this.client.connected) {
			this.subscribeNow(destination, handler);
		}
	},
	subscribeNow(destination, handler) {
		const last = sessionStorage.getItem(this.seqKey(destination));
		const headers = last !== null ? { 'x-resume-after': last } : {};
		this.client.subscribe(destination, (message) => {
			if (message.headers['x-recovered'] !== undefined) {
				return; // the resume marker
			}
			// user events carry a sequence number to resume after; topic broadcasts do not
			const seq = message.headers['x-seq'];
			if (seq !== undefined) {
				sessionStorage.setItem(this.seqKey(destination), seq);
			}
			handler(JSON.parse(message.body), message);
		}, headers);
	},
	stop() {
		if (this.client) {
			this.client.deactivate();
		}
	},
};
