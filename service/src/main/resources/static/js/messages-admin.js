// The admin's message page: compose to a user, a group, the organization or everyone, and a chart of
// the organization's daily recipients and reads (Chart.js, served as a webjar).
const session = Session.get();
if (!session) {
	location.href = '/';
}
document.getElementById('who').textContent = session.user.displayName;

const field = (id) => document.getElementById(id);
const text = (id) => field(id).value.trim();

function showTarget() {
	field('user-field').hidden = text('target') !== 'USER';
	field('group-field').hidden = text('target') !== 'USER_GROUP';
}

async function loadGroups() {
	try {
		const groups = await Session.api('/api/v1/groups');
		const select = field('receiver-group');
		select.innerHTML = '';
		for (const group of groups) {
			const option = document.createElement('option');
			option.value = group.id;
			option.textContent = `${group.name} (${group.memberCount})`;
			select.appendChild(option);
		}
	} catch (error) {
		field('send-error').textContent = error.message;
		field('send-error').hidden = false;
	}
}

function request() {
	const body = {
		messageType: text('message-type'),
		priority: text('priority'),
		title: text('title'),
		content: text('content'),
	};
	if (text('category')) {
		body.category = text('category');
	}
	if (text('action-url')) {
		body.metadata = { actionUrl: text('action-url') };
	}
	if (text('expire-time')) {
		body.expireTime = new Date(text('expire-time')).toISOString();
	}
	switch (text('target')) {
		case 'USER':
			return ['/api/v1/messages/send', { ...body, receiverId: Number(text('receiver-user')) }];
		case 'USER_GROUP':
			return ['/api/v1/messages/send-to-group', { ...body, groupType: 'USER_GROUP', groupId: Number(text('receiver-group')) }];
		case 'ORGANIZATION':
			return ['/api/v1/messages/send-to-group', { ...body, groupType: 'ORGANIZATION', groupId: session.user.orgId }];
		default:
			return ['/api/v1/messages/broadcast', { ...body, scope: 'ORGANIZATION' }];
	}
}

field('target').addEventListener('change', showTarget);
field('compose').addEventListener('submit', async (event) => {
	event.preventDefault();
	field('send-error').hidden = true;
	field('send-result').textContent = '';
	const [path, body] = request();
	try {
		const sent = await Session.api(path, { method: 'POST', body: JSON.stringify(body) });
		field('send-result').textContent = `Sent message ${sent.messageId} to ${sent.recipientCount} recipient(s).`;
		loadStatistics();
	} catch (error) {
		const fields = error.problem && error.problem.errors
			? ': ' + error.problem.errors.map((e) => `${e.field} ${e.message}`).join(', ') : '';
		field('send-error').textContent = error.message + fields;
		field('send-error').hidden = false;
	}
});

let chart = null;

async function loadStatistics() {
	const params = new URLSearchParams({ groupBy: text('stats-group-by') });
	if (text('stats-start')) {
		params.set('startDate', text('stats-start'));
	}
	if (text('stats-end')) {
		params.set('endDate', text('stats-end'));
	}
	try {
		const stats = await Session.api('/api/v1/messages/statistics?' + params);
		field('stats-error').hidden = true;
		field('stats-summary').textContent = `${stats.messages} messages to ${stats.total} recipients, ${stats.read} read `
			+ `(${(stats.readRate * 100).toFixed(1)}%), read after ${stats.avgReadTime.toFixed(0)} s on average `
			+ `(${stats.startDate} to ${stats.endDate}).`;
		const labels = stats.dailyStats.map((period) => period.date);
		const datasets = [
			{ label: 'Sent (recipients)', data: stats.dailyStats.map((period) => period.total), backgroundColor: '#1f4fd1' },
			{ label: 'Read', data: stats.dailyStats.map((period) => period.read), backgroundColor: '#12b76a' },
		];
		if (chart) {
			chart.data.labels = labels;
			chart.data.datasets = datasets;
			chart.update();
		} else {
			chart = new Chart(field('stats-chart'), {
				type: 'bar',
				data: { labels, datasets },
				options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
			});
		}
		const body = document.querySelector('#type-stats tbody');
		body.innerHTML = '';
		for (const type of stats.typeStats) {
			const row = document.createElement('tr');
			row.innerHTML = `<td>${type.messageType}</td><td>${type.count}</td><td>${type.total}</td><td>${type.delivered}</td>`
				+ `<td>${type.read}</td><td>${(type.readRate * 100).toFixed(1)}%</td>`;
			body.appendChild(row);
		}
	} catch (error) {
		field('stats-error').textContent = error.message;
		field('stats-error').hidden = false;
	}
}

field('stats-form').addEventListener('submit', (event) => {
	event.preventDefault();
	loadStatistics();
});

// FROM A TEMPLATE: uses the template API (seed 003, section 6.1.2) when the server has it; a live
// preview (POST /api/v1/message-templates/{id}/preview {variables} -> {title, content}) fills the
// compose form, which then sends to any target.
let templates = [];
let previewTimer = null;

async function loadTemplates() {
	try {
		const answer = await Session.api('/api/v1/message-templates?enabled=true');
		templates = Array.isArray(answer) ? answer : (answer.items || answer.content || []);
	} catch (error) {
		return; // no template API on this server: the hint stays
	}
	field('template-hint').textContent = 'Choose a template, fill in its variables, check the preview and use it.';
	field('template-picker').hidden = false;
	for (const template of templates) {
		const option = document.createElement('option');
		option.value = template.id ?? template.templateId;
		option.textContent = template.name;
		field('template').appendChild(option);
	}
}

function chosenTemplate() {
	return templates.find((template) => String(template.id ?? template.templateId) === field('template').value);
}

function showVariables() {
	const container = field('template-variables');
	container.innerHTML = '';
	field('template-preview-title').textContent = '';
	field('template-preview-content').textContent = '';
	field('template-use').disabled = true;
	const template = chosenTemplate();
	if (!template) {
		return;
	}
	for (const variable of template.variables || []) {
		const label = document.createElement('label');
		label.textContent = variable.name + (variable.required ? ' *' : '') + (variable.type ? ` (${variable.type})` : '');
		const input = document.createElement('input');
		input.dataset.variable = variable.name;
		input.addEventListener('input', schedulePreview);
		label.appendChild(input);
		container.appendChild(label);
	}
	schedulePreview();
}

function schedulePreview() {
	clearTimeout(previewTimer);
	previewTimer = setTimeout(preview, 250);
}

async function preview() {
	const template = chosenTemplate();
	if (!template) {
		return;
	}
	const variables = {};
	for (const input of field('template-variables').querySelectorAll('input')) {
		if (input.value.trim()) {
			variables[input.dataset.variable] = input.value.trim();
		}
	}
	try {
		const rendered = await Session.api(`/api/v1/message-templates/${field('template').value}/preview`, {
			method: 'POST',
			body: JSON.stringify({ variables }),
		});
		field('template-error').hidden = true;
		field('template-preview-title').textContent = rendered.title;
		field('template-preview-content').textContent = rendered.content;
		field('template-use').disabled = false;
	} catch (error) {
		const fields = error.problem && error.problem.errors
			? ': ' + error.problem.errors.map((e) => `${e.field} ${e.message}`).join(', ') : '';
		field('template-error').textContent = error.message + fields;
		field('template-error').hidden = false;
		field('template-use').disabled = true;
	}
}

field('template').addEventListener('change', showVariables);
field('template-use').addEventListener('click', () => {
	const template = chosenTemplate();
	field('title').value = field('template-preview-title').textContent;
	field('content').value = field('template-preview-content').textContent;
	if (template && template.priority) {
		field('priority').value = template.priority;
	}
	if (template && template.category) {
		field('category').value = template.category;
	}
});

showTarget();
loadGroups();
loadTemplates();
loadStatistics();
