// The merchant console (seeds 001/002): live order list, a pop-up and a voice announcement for
// new orders (type 1) and buyer reminders (type 2), and the order actions.
const session = Session.get();
if (!session) {
	location.href = '/';
}
document.getElementById('who').textContent = session.user.displayName;

const ANNOUNCEMENTS = { 1: '您有新的订单', 2: '客户催单', 3: '订单已退款' };
const TITLES = { 1: 'New order (来单提醒)', 2: 'Customer reminder (客户催单)', 3: 'Order refunded (订单已退款)' };
const mute = document.getElementById('mute');
mute.checked = localStorage.getItem('orderpulse.mute') === 'true';
mute.addEventListener('change', () => localStorage.setItem('orderpulse.mute', mute.checked));

function announce(text) {
	document.getElementById('last-announcement').textContent = text;
	if (!mute.checked && 'speechSynthesis' in window) {
		const utterance = new SpeechSynthesisUtterance(text);
		utterance.lang = 'zh-CN';
		speechSynthesis.speak(utterance);
	}
}

function showAlert(alert) {
	document.getElementById('alert-title').textContent = TITLES[alert.type] || 'Alert';
	document.getElementById('alert-content').textContent = alert.content + (alert.amount !== undefined ? ' · ' + Number(alert.amount).toFixed(2) : '');
	document.getElementById('alert-dialog').hidden = false;
	announce(ANNOUNCEMENTS[alert.type] || alert.content);
}
document.getElementById('alert-close').addEventListener('click', () => {
	document.getElementById('alert-dialog').hidden = true;
});

const ACTIONS = {
	PAID: [['Confirm', 'confirm'], ['Reject', 'reject']],
	CONFIRMED: [['Deliver', 'deliver'], ['Reject', 'reject']],
	DELIVERING: [['Complete', 'complete']],
};

async function loadOrders() {
	const page = await Session.api('/api/v1/merchant/orders?size=50');
	const body = document.querySelector('#orders tbody');
	body.replaceChildren(...page.items.map((order) => el('tr', { 'data-order': order.id },
		el('td', {}, order.orderNumber),
		el('td', { class: 'status' }, order.status),
		el('td', {}, order.totalPrice.toFixed(2)),
		el('td', { class: 'items' }, order.items.map((item) => item.quantity + ' × ' + item.productName).join(', ')),
		el('td', { class: 'actions' },
			(ACTIONS[order.status] || []).map(([label, action]) => button(label, () => act(order.id, action)))))));
}

async function act(orderId, action) {
	const options = { method: 'POST' };
	if (action === 'reject') {
		const reason = prompt('Why do you reject this order?');
		if (!reason) {
			return;
		}
		options.body = JSON.stringify({ reason });
	}
	try {
		await Session.api(`/api/v1/merchant/orders/${orderId}/${action}`, options);
	} catch (error) {
		announce(error.message);
	}
	await loadOrders();
}

Realtime.subscribe('/user/queue/alerts', (alert) => {
	showAlert(alert);
	loadOrders();
});
Realtime.start((status) => { document.getElementById('connection').textContent = status; });
loadOrders();
setInterval(loadOrders, 30000);
