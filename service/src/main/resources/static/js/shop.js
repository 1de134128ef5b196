// The buyer's page: products, an order form, live order status, pay, remind and cancel.
const session = Session.get();
if (!session) {
	location.href = '/';
}
document.getElementById('who').textContent = session.user.displayName;

function showError(error) {
	const element = document.getElementById('order-error');
	element.textContent = error.message;
	element.hidden = false;
}

async function loadProducts() {
	const page = await Session.api('/api/v1/products?size=100');
	const body = document.querySelector('#products tbody');
	body.replaceChildren(...page.items.map((product) => el('tr', {},
		el('td', {}, product.name),
		el('td', {}, product.price.toFixed(2)),
		el('td', {}, product.stock),
		el('td', {}, el('input', { type: 'number', min: 0, max: 1000, value: 0, 'data-product': product.id,
			'aria-label': 'Quantity of ' + product.name })))));
}

async function loadOrders() {
	const page = await Session.api('/api/v1/orders?size=50');
	const body = document.querySelector('#orders tbody');
	body.replaceChildren();
	for (const order of page.items) {
		const actions = el('td', { class: 'actions' });
		const row = el('tr', { 'data-order': order.id },
			el('td', {}, order.orderNumber),
			el('td', { class: 'status' }, order.status),
			el('td', {}, order.totalPrice.toFixed(2)),
			actions);
		if (order.status === 'PENDING_PAYMENT') {
			actions.append(button('Pay', () => pay(order.id)), button('Cancel', () => act(`/api/v1/orders/${order.id}/cancel`)));
			if (order.pointsPrice) {
				actions.append(button('Pay ' + order.pointsPrice + ' points', () => pay(order.id, 'POINTS')));
			}
		}
		if (['PAID', 'CONFIRMED', 'DELIVERING'].includes(order.status)) {
			actions.append(button('Remind', () => act(`/api/v1/orders/${order.id}/reminders`, 'Reminder sent')));
		}
		if (order.status === 'PAID') {
			actions.append(button('Refund', () => act(`/api/v1/orders/${order.id}/refund`, 'Refunded', { reason: 'requested by the buyer' })));
		}
		body.appendChild(row);
	}
}

async function act(path, done, body) {
	try {
		await Session.api(path, { method: 'POST', body: body ? JSON.stringify(body) : undefined });
		if (done) {
			toast(done);
		}
		await loadOrders();
	} catch (error) {
		toast(error.message);
	}
}

async function pay(orderId, method = 'SANDBOX') {
	try {
		const payment = await Session.api(`/api/v1/orders/${orderId}/payments`, {
			method: 'POST',
			body: JSON.stringify({ method }),
		});
		if (method === 'POINTS') {
			toast('Paid with ' + payment.points + ' points');
			return;
		}
		window.open(payment.payUrl, '_blank');
		toast('Payment ' + payment.outTradeNo + ' started');
	} catch (error) {
		toast(error.message);
	}
}

document.getElementById('place-order').addEventListener('click', async () => {
	document.getElementById('order-error').hidden = true;
	const items = [...document.querySelectorAll('#products input')]
		.map((input) => ({ productId: Number(input.dataset.product), quantity: Number(input.value) }))
		.filter((item) => item.quantity > 0);
	if (items.length === 0) {
		showError(new Error('Choose a quantity first.'));
		return;
	}
	try {
		const accepted = await Session.api('/api/v1/orders', {
			method: 'POST',
			headers: { 'Idempotency-Key': crypto.randomUUID() },
			body: JSON.stringify({ items }),
		});
		toast('Order ' + accepted.requestId.substring(0, 8) + ': ' + accepted.status);
	} catch (error) {
		showError(error);
	}
});

Realtime.subscribe('/user/queue/order-updates', (update) => {
	toast((update.orderNumber || update.requestId.substring(0, 8)) + ': ' + update.status + ' ' + update.message);
	loadOrders();
	if (['COMPLETED', 'CANCELLED', 'REFUNDED'].includes(update.status)) {
		loadProducts();
	}
});
Realtime.start((status) => { document.getElementById('connection').textContent = status; });
loadProducts();
loadOrders();
