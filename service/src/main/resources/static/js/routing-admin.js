// The Routing section of the admin's message page: the organization's routing rules (list, create,
// edit, enable, delete; the API's 400 errors appear under the fields they name), the rule test,
// the organization's quiet hours and the pending deliveries (cancel). Uses `field` and `text` of
// messages-admin.js. Names and categories are shown with textContent only.
let editingRoute = null;

const CHANNELS = ['WEBSOCKET', 'EMAIL', 'WEBHOOK', 'SMS'];

function describeCondition(condition) {
	const parts = [];
	for (const key of ['messageType', 'priority', 'category']) {
		if (condition[key]) {
			parts.push(`${key} ${condition[key]}`);
		}
	}
	if (condition.roles) {
		parts.push('roles ' + condition.roles.join('/'));
	}
	if (condition.groupIds) {
		parts.push('groups ' + condition.groupIds.join('/'));
	}
	if (condition.timeWindow) {
		const window = condition.timeWindow;
		parts.push(`between ${window.start}-${window.end} ${window.zone}`);
	}
	return parts.length ? parts.join(', ') : 'everything';
}

function describeAction(action) {
	let description = action.channels.join(' + ');
	if (action.delay) {
		description += ` after ${action.delay}`;
	}
	if (!action.respectQuietHours) {
		description += ', ignores quiet hours';
	}
	return description + `, ${action.retry.maxAttempts} attempts from ${action.retry.backoff}`;
}

function cell(content) {
	const td = document.createElement('td');
	if (content instanceof Node) {
		td.appendChild(content);
	} else {
		td.textContent = content;
	}
	return td;
}

async function loadRoutes() {
	try {
		const routes = await Session.api('/api/v1/message-routes');
		field('routes-error').hidden = true;
		const body = document.querySelector('#routes tbody');
		body.replaceChildren();
		for (const route of routes) {
			const row = document.createElement('tr');
			row.dataset.routeId = route.id;
			const enabled = document.createElement('input');
			enabled.type = 'checkbox';
			enabled.checked = route.enabled;
			enabled.setAttribute('aria-label', `Enable ${route.name}`);
			enabled.addEventListener('change', () => toggleRoute(route, enabled.checked));
			const actions = document.createElement('span');
			actions.append(button('Edit', () => openRouteForm(route), `Edit ${route.name}`),
				button('Delete', () => deleteRoute(route), `Delete ${route.name}`));
			row.append(cell(String(route.priority)), cell(route.name), cell(describeCondition(route.condition)),
				cell(describeAction(route.action)), cell(enabled), cell(actions));
			body.appendChild(row);
		}
	} catch (error) {
		showRoutesError(error);
	}
}

function showRoutesError(error) {
	field('routes-error').textContent = error.message;
	field('routes-error').hidden = false;
}

async function toggleRoute(route, enabled) {
	try {
		await Session.api(`/api/v1/message-routes/${route.id}`, {
			method: 'PUT',
			body: JSON.stringify({ name: route.name, priority: route.priority, enabled, condition: route.condition, action: route.action }),
		});
		toast(`${route.name} ${enabled ? 'enabled' : 'disabled'}`);
	} catch (error) {
		showRoutesError(error);
	}
	loadRoutes();
}

async function deleteRoute(route) {
	try {
		await Session.api(`/api/v1/message-routes/${route.id}`, { method: 'DELETE' });
		toast(`Deleted ${route.name}`);
	} catch (error) {
		showRoutesError(error);
	}
	loadRoutes();
}

// Comma-separated values; numbers where they parse (group ids), so a bad one reaches the server
// as text and is named there
function list(id, numeric) {
	const values = text(id).split(',').map((value) => value.trim()).filter(Boolean);
	return numeric ? values.map((value) => (/^\d+$/.test(value) ? Number(value) : value)) : values;
}

function routeBody() {
	const condition = {};
	if (text('route-message-type')) {
		condition.messageType = text('route-message-type');
	}
	if (text('route-msg-priority')) {
		condition.priority = text('route-msg-priority');
	}
	if (text('route-category')) {
		condition.category = text('route-category');
	}
	if (text('route-roles')) {
		condition.roles = list('route-roles', false);
	}
	if (text('route-groups')) {
		condition.groupIds = list('route-groups', true);
	}
	if (text('route-window-start') || text('route-window-end') || text('route-window-zone')) {
		condition.timeWindow = { start: text('route-window-start'), end: text('route-window-end'), zone: text('route-window-zone') };
	}
	const action = {
		channels: [...document.querySelectorAll('#route-channels input:checked')].map((box) => box.value),
		respectQuietHours: field('route-quiet').checked,
		retry: { maxAttempts: Number(text('route-max-attempts')), backoff: text('route-backoff') },
	};
	if (text('route-delay')) {
		action.delay = text('route-delay');
	}
	const priority = text('route-priority');
	return {
		name: text('route-name'),
		priority: /^-?\d+$/.test(priority) ? Number(priority) : priority,
		enabled: field('route-enabled').checked,
		condition,
		action,
	};
}

function errorSpan(input) {
	let span = input.nextElementSibling;
	if (!span || !span.classList.contains('field-error')) {
		span = document.createElement('span');
		span.className = 'field-error';
		input.after(span);
	}
	return span;
}

function clearRouteErrors() {
	for (const span of field('route-form').querySelectorAll('.field-error')) {
		span.textContent = '';
	}
	field('route-form-error').hidden = true;
}

// Each error under the field it names: `action.channels[1]` goes to `action.channels`,
// `condition.timeWindow.zone` to its own input
function showRouteErrors(error) {
	const others = [];
	for (const problem of (error.problem && error.problem.errors) || []) {
		const name = problem.field.replace(/\[\d+\]$/, '');
		const input = field('route-form').querySelector(`[data-field="${name}"]`);
		if (input) {
			errorSpan(input).textContent = problem.message;
		} else {
			others.push(`${problem.field} ${problem.message}`);
		}
	}
	field('route-form-error').textContent = error.message + (others.length ? ': ' + others.join(', ') : '');
	field('route-form-error').hidden = false;
}

function openRouteForm(route) {
	editingRoute = route;
	clearRouteErrors();
	field('route-form-title').textContent = route ? `Edit ${route.name}` : 'New rule';
	const condition = route ? route.condition : {};
	const action = route ? route.action : { channels: ['WEBSOCKET'], respectQuietHours: true, retry: { maxAttempts: 3, backoff: 'PT30S' } };
	field('route-name').value = route ? route.name : '';
	field('route-priority').value = route ? route.priority : 10;
	field('route-enabled').checked = route ? route.enabled : true;
	field('route-message-type').value = condition.messageType || '';
	field('route-msg-priority').value = condition.priority || '';
	field('route-category').value = condition.category || '';
	field('route-roles').value = (condition.roles || []).join(', ');
	field('route-groups').value = (condition.groupIds || []).join(', ');
	field('route-window-start').value = condition.timeWindow ? condition.timeWindow.start : '';
	field('route-window-end').value = condition.timeWindow ? condition.timeWindow.end : '';
	field('route-window-zone').value = condition.timeWindow ? condition.timeWindow.zone : '';
	for (const box of document.querySelectorAll('#route-channels input')) {
		box.checked = action.channels.includes(box.value);
	}
	field('route-delay').value = action.delay || '';
	field('route-quiet').checked = action.respectQuietHours;
	field('route-max-attempts').value = action.retry.maxAttempts;
	field('route-backoff').value = action.retry.backoff;
	field('route-form').hidden = false;
	field('route-name').focus();
}

field('route-new').addEventListener('click', () => openRouteForm(null));
field('route-cancel').addEventListener('click', () => {
	field('route-form').hidden = true;
});
field('route-form').addEventListener('submit', async (event) => {
	event.preventDefault();
	clearRouteErrors();
	const path = editingRoute ? `/api/v1/message-routes/${editingRoute.id}` : '/api/v1/message-routes';
	try {
		const saved = await Session.api(path, { method: editingRoute ? 'PUT' : 'POST', body: JSON.stringify(routeBody()) });
		field('route-form').hidden = true;
		toast(`Saved rule ${saved.name}`);
		loadRoutes();
	} catch (error) {
		showRouteErrors(error);
	}
});

field('route-test-form').addEventListener('submit', async (event) => {
	event.preventDefault();
	const checks = field('route-test-checks');
	checks.replaceChildren();
	const body = { messageType: text('test-message-type'), priority: text('test-priority'), userId: Number(text('test-user')) || null };
	if (text('test-category')) {
		body.category = text('test-category');
	}
	try {
		const result = await Session.api('/api/v1/message-routes/test', { method: 'POST', body: JSON.stringify(body) });
		field('route-test-result').textContent = `Matches: ${result.matchedRuleName} → ${describeAction(result.action)}`;
		for (const check of result.rules) {
			const item = document.createElement('li');
			item.textContent = `${check.name}: ${check.reason}`;
			checks.appendChild(item);
		}
	} catch (error) {
		const problems = ((error.problem && error.problem.errors) || []).map((problem) => `${problem.field} ${problem.message}`);
		field('route-test-result').textContent = error.message + (problems.length ? ': ' + problems.join(', ') : '');
	}
});

async function loadQuietHours() {
	try {
		const hours = await Session.api('/api/v1/message-routes/quiet-hours');
		field('quiet-enabled').checked = hours.enabled;
		field('quiet-start').value = hours.start;
		field('quiet-end').value = hours.end;
		field('quiet-zone').value = hours.zone;
		field('quiet-result').textContent = `Quiet hours ${hours.enabled ? 'on' : 'off'}: ${hours.start}-${hours.end} ${hours.zone}`;
	} catch (error) {
		field('quiet-result').textContent = error.status === 404 ? 'No quiet hours set.' : error.message;
	}
}

field('quiet-form').addEventListener('submit', async (event) => {
	event.preventDefault();
	try {
		await Session.api('/api/v1/message-routes/quiet-hours', {
			method: 'PUT',
			body: JSON.stringify({ enabled: field('quiet-enabled').checked, start: text('quiet-start'), end: text('quiet-end'), zone: text('quiet-zone') }),
		});
		loadQuietHours();
	} catch (error) {
		const problems = ((error.problem && error.problem.errors) || []).map((problem) => `${problem.field} ${problem.message}`);
		field('quiet-result').textContent = error.message + (problems.length ? ': ' + problems.join(', ') : '');
	}
});

field('quiet-remove').addEventListener('click', async () => {
	try {
		await Session.api('/api/v1/message-routes/quiet-hours', { method: 'DELETE' });
	} catch (error) {
		// none set: nothing to remove
	}
	loadQuietHours();
});

async function loadPending() {
	const body = document.querySelector('#pending tbody');
	try {
		const pending = await Session.api('/api/v1/message-deliveries/pending');
		body.replaceChildren();
		for (const delivery of pending) {
			const row = document.createElement('tr');
			const cancel = button('Cancel', async () => {
				await Session.api(`/api/v1/message-deliveries/${delivery.id}/cancel`, { method: 'POST' });
				loadPending();
			}, `Cancel delivery ${delivery.id}`);
			row.append(cell(String(delivery.messageId)), cell(String(delivery.userId)), cell(delivery.channel),
				cell(delivery.heldBy), cell(delivery.nextAttemptTime || ''), cell(String(delivery.attempts)), cell(cancel));
			body.appendChild(row);
		}
	} catch (error) {
		showRoutesError(error);
	}
}

field('pending-refresh').addEventListener('click', loadPending);

loadRoutes();
loadQuietHours();
loadPending();
