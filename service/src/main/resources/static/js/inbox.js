// The signed-in user's inbox: filters, search, a live unread badge (UNREAD_COUNT pushes), mark read,
// read all and delete. URGENT and HIGH messages stand out.
const session = Session.get();
if (!session) {
	location.href = '/';
}
document.getElementById('who').textContent = session.user.displayName;

const state = { page: 1, size: 20, totalPages: 1 };
const value = (id) => document.getElementById(id).value.trim();

function setBadge(count) {
	const badge = document.getElementById('unread-badge');
	badge.textContent = count;
	badge.classList.toggle('zero', count === 0);
	document.title = (count > 0 ? `(${count}) ` : '') + 'OrderPulse inbox';
}

function showError(error) {
	const element = document.getElementById('inbox-error');
	element.textContent = error ? error.message : '';
	element.hidden = !error;
}

function query() {
	const params = new URLSearchParams({ page: state.page, size: state.size });
	for (const [name, id] of [['status', 'status'], ['messageType', 'message-type'], ['priority', 'priority'],
		['category', 'category'], ['startDate', 'start-date'], ['endDate', 'end-date']]) {
		if (value(id)) {
			params.set(name, value(id));
		}
	}
	const text = value('search');
	if (text) {
		params.set('q', text);
		return '/api/v1/messages/search?' + params;
	}
	return '/api/v1/messages?' + params;
}

async function load() {
	try {
		const page = await Session.api(query());
		showError(null);
		render(page);
	} catch (error) {
		showError(error);
	}
}

function render(page) {
	state.totalPages = Math.max(1, page.totalPages);
	setBadge(page.unreadCount);
	// past the server's count limit totalItems is a lower bound: "10000+"; a list goes on by page
	const total = page.totalItems + (page.totalItemsCapped ? '+' : '');
	document.getElementById('list-title').textContent = value('search')
		? `Search results (${total})` : `Messages (${total})`;
	document.getElementById('page-info').textContent = `page ${state.page} of ${state.totalPages}${page.totalItemsCapped ? '+' : ''}`;
	document.getElementById('prev').disabled = state.page <= 1;
	document.getElementById('next').disabled = state.page >= state.totalPages && !(page.totalItemsCapped && page.nextCursor);
	const list = document.getElementById('messages');
	list.replaceChildren();
	document.getElementById('empty').hidden = page.items.length > 0;
	for (const message of page.items) {
		list.appendChild(item(message));
	}
}

function item(message) {
	const content = el('p', { class: 'content', hidden: true }, message.content);
	const actions = el('div', { class: 'actions' });
	const head = el('div', { class: 'message-head' },
		el('span', { class: 'priority' }, message.important ? message.priority : ''),
		el('strong', { class: 'title', onclick: () => { content.hidden = !content.hidden; } }, message.title),
		el('span', { class: 'meta' }, `${message.messageType} · ${message.category || '-'} · ${message.senderName} · `
			+ new Date(message.createTime).toLocaleString()));
	const element = el('li', {
		class: 'message ' + message.status.toLowerCase() + ' priority-' + message.priority.toLowerCase(),
		'data-message': message.messageId,
	}, head, content, actions);
	if (message.status === 'UNREAD') {
		actions.append(button('Mark read', () => act(`/api/v1/messages/${message.messageId}/read`, 'PUT')));
	}
	actions.append(button('Delete', () => act(`/api/v1/messages/${message.messageId}`, 'DELETE')));
	return element;
}

async function act(path, method) {
	try {
		await Session.api(path, { method });
		await load();
	} catch (error) {
		toast(error.message);
	}
}

document.getElementById('filters').addEventListener('submit', (event) => {
	event.preventDefault();
	state.page = 1;
	load();
});
document.getElementById('read-all').addEventListener('click', () => act('/api/v1/messages/read-all', 'PUT'));
document.getElementById('prev').addEventListener('click', () => { state.page--; load(); });
document.getElementById('next').addEventListener('click', () => { state.page++; load(); });

Realtime.subscribe('/user/queue/messages', (push) => {
	if (push.type === 'UNREAD_COUNT') {
		setBadge(push.data.count);
		return;
	}
	if (push.type === 'MESSAGE') {
		toast((push.data.important ? push.data.priority + ': ' : 'New message: ') + push.data.title);
		if (state.page === 1 && !value('search')) {
			load();
		}
	}
});
Realtime.start((status) => { document.getElementById('connection').textContent = status; });
load();
