// The flash-sale page: items with a countdown and their remaining stock (live from
// /topic/flash-sales), a buy button whose outcome arrives on /user/queue/order-updates
// without a reload, then paying the order with the sandbox gateway or points.
const session = Session.get();
if (!session) {
	location.href = '/';
}
document.getElementById('who').textContent = session.user.displayName;

const items = new Map(); // itemId -> item, with its row
const attempts = new Map(); // requestId -> itemId
const early = new Map(); // requestId -> pushes that arrived before the attempt's answer
const PROBLEMS = {
	'flash-sale-sold-out': 'Sold out (已售罄)',
	'flash-sale-already-purchased': 'Already bought (每人限购一件)',
	'flash-sale-not-active': 'Not on sale now',
};

function countdown(item, now) {
	const start = Date.parse(item.startTime);
	const end = Date.parse(item.endTime);
	const clock = (ms) => {
		const s = Math.max(0, Math.floor(ms / 1000));
		const pad = (n) => String(n).padStart(2, '0');
		const days = Math.floor(s / 86400);
		return (days > 0 ? days + 'd ' : '') + pad(Math.floor(s / 3600) % 24) + ':' + pad(Math.floor(s / 60) % 60) + ':' + pad(s % 60);
	};
	if (now < start) {
		return { state: 'UPCOMING', text: 'starts in ' + clock(start - now) };
	}
	if (now < end) {
		return { state: 'ACTIVE', text: 'ends in ' + clock(end - now) };
	}
	return { state: 'ENDED', text: 'ended' };
}

function tick() {
	const now = Date.now();
	for (const item of items.values()) {
		const time = countdown(item, now);
		item.row.querySelector('.time').textContent = time.text;
		// a sold-out item stays clickable: the server answers from its sold-out flag
		item.row.querySelector('.buy').disabled = time.state !== 'ACTIVE';
	}
}

function showRemaining(item, remaining) {
	item.remaining = remaining;
	item.row.querySelector('.remaining').textContent = remaining === 0 ? 'Sold out' : remaining + ' / ' + item.stock;
	tick();
}

function showResult(itemId, text, actions = []) {
	const item = items.get(itemId);
	if (!item) {
		return;
	}
	const result = item.row.querySelector('.result');
	result.textContent = text;
	result.append(...actions);
}

async function loadItems() {
	const list = await Session.api('/api/v1/flash-sales');
	const body = document.querySelector('#items tbody');
	body.replaceChildren();
	items.clear();
	document.getElementById('empty').hidden = list.length > 0;
	for (const item of list) {
		const buy = button('Buy', () => attempt(item.itemId), 'Buy ' + item.productName);
		buy.className = 'buy';
		const row = el('tr', { 'data-item': item.itemId },
			el('td', { class: 'name' }, item.productName),
			el('td', { class: 'session' }, item.sessionName),
			el('td', {}, item.flashPrice.toFixed(2)),
			el('td', {}, item.pointsPrice ?? '–'),
			el('td', { class: 'remaining' }),
			el('td', { class: 'time' }),
			el('td', { class: 'action' }, buy),
			el('td', { class: 'result', role: 'status' }));
		body.appendChild(row);
		item.row = row;
		items.set(item.itemId, item);
		showRemaining(item, item.remaining);
	}
}

async function loadPoints() {
	try {
		const account = await Session.api('/api/v1/points/me');
		document.getElementById('points').textContent = account.balance;
	} catch (error) {
		document.getElementById('points').textContent = '?';
	}
}

async function attempt(itemId) {
	showResult(itemId, 'Trying…');
	try {
		const accepted = await Session.api(`/api/v1/flash-sales/${itemId}/attempts`, { method: 'POST' });
		attempts.set(accepted.requestId, itemId);
		showResult(itemId, accepted.message + ' (creating your order)');
		for (const update of early.get(accepted.requestId) || []) {
			onOrderUpdate(update);
		}
		early.delete(accepted.requestId);
	} catch (error) {
		const slug = error.problem && error.problem.type ? error.problem.type.split(':').pop() : '';
		showResult(itemId, PROBLEMS[slug] || error.message);
		if (slug === 'flash-sale-sold-out') {
			showRemaining(items.get(itemId), 0);
		}
	}
}

async function pay(itemId, orderId, method) {
	try {
		const payment = await Session.api(`/api/v1/orders/${orderId}/payments`, {
			method: 'POST',
			body: JSON.stringify({ method }),
		});
		if (method === 'SANDBOX') {
			window.open(payment.payUrl, '_blank');
			toast('Payment ' + payment.outTradeNo + ' started');
		} else {
			showResult(itemId, 'Paid with ' + payment.points + ' points');
			loadPoints();
		}
	} catch (error) {
		toast(error.message);
	}
}

Realtime.subscribe('/topic/flash-sales', (update) => {
	const item = items.get(update.itemId);
	if (item) {
		showRemaining(item, update.remaining);
	}
});

// the same pushes as ordinary orders: the request's steps, then the order's statuses
const orders = new Map(); // orderId -> itemId
function onOrderUpdate(update) {
	const itemId = attempts.get(update.requestId) ?? orders.get(update.orderId);
	if (itemId === undefined) {
		// the push may overtake the attempt's own answer
		early.set(update.requestId, [...(early.get(update.requestId) || []), update]);
		return;
	}
	const item = items.get(itemId);
	if (update.status === 'COMPLETED') {
		orders.set(update.orderId, itemId);
		const actions = [button('Pay', () => pay(itemId, update.orderId, 'SANDBOX'))];
		if (item && item.pointsPrice) {
			actions.push(button('Pay with points', () => pay(itemId, update.orderId, 'POINTS')));
		}
		showResult(itemId, 'Success: order ' + update.orderNumber + ' ', actions);
	} else if (update.status === 'FAILED') {
		showResult(itemId, 'Failed: ' + update.message);
	} else if (update.status === 'PAID') {
		showResult(itemId, 'Paid: order ' + update.orderNumber);
	} else if (update.status === 'CANCELLED' || update.status === 'REFUNDED') {
		showResult(itemId, update.status === 'CANCELLED' ? 'Cancelled: ' + update.message : 'Refunded');
		loadPoints();
	}
}
Realtime.subscribe('/user/queue/order-updates', onOrderUpdate);

Realtime.start((status) => { document.getElementById('connection').textContent = status; });
loadItems();
loadPoints();
setInterval(tick, 1000);
