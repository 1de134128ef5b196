// The admin's message page: compose to a user, a group, the organization or everyone (by hand or
// from a template with a live preview), manage templates, and a chart of
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
		select.replaceChildren();
		for (const group of groups) {
			select.appendChild(el('option', { value: group.id }, `${group.name} (${group.memberCount})`));
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
	const template = chosenTemplate();
	if (template) {
		return [`/api/v1/message-templates/${template.templateId}/send`, templateSendRequest(body)];
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
		field('send-error').textContent = error.message + fieldList(error);
		field('send-error').hidden = false;
		showVariableErrors(error);
	}
});

// "field message, ..." from a problem's errors, for errors no input shows
function fieldList(error) {
	return error.problem && error.problem.errors
		? ': ' + error.problem.errors.map((e) => `${e.field} ${e.message}`).join(', ') : '';
}

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
		body.replaceChildren(...stats.typeStats.map((type) => el('tr', {},
			[type.messageType, type.count, type.total, type.delivered, type.read, (type.readRate * 100).toFixed(1) + '%']
				.map((value) => el('td', {}, value)))));
		// per-channel delivery records of message routing (individually routed recipients only)
		const channels = document.querySelector('#channel-stats tbody');
		channels.replaceChildren(...(stats.channelStats || []).map((channel) => el('tr', {},
			[channel.channel, channel.deliveries, channel.sent, channel.failed, channel.pending,
				(channel.successRate * 100).toFixed(1) + '%'].map((value) => el('td', {}, value)))));
	} catch (error) {
		field('stats-error').textContent = error.message;
		field('stats-error').hidden = false;
	}
}

field('stats-form').addEventListener('submit', (event) => {
	event.preventDefault();
	loadStatistics();
});

// FROM A TEMPLATE (seed 003, section 5.3): the chosen template's declared variables become typed
// inputs; every change asks the server for a preview (debounced), whose 400 errors appear next to
// the variable they name; Send then renders and sends it to the receiver chosen on the form.
// Titles and contents are plain text: they are only ever set with textContent.
let templates = [];
let previewTimer = null;
let previewSequence = 0;

const INPUT_TYPES = { NUMBER: 'number', DATE: 'date', DATETIME: 'datetime-local', URL: 'text', EMAIL: 'email', PHONE: 'tel' };
const JSON_TYPES = ['LIST', 'ARRAY', 'OBJECT'];

function chosenTemplate() {
	return templates.find((template) => String(template.templateId) === field('template').value);
}

async function loadTemplates() {
	const answer = await Session.api('/api/v1/message-templates?size=100');
	templates = answer.items;
	const chosen = field('template').value;
	const kept = templates.some((t) => t.enabled && String(t.templateId) === chosen);
	const select = field('template');
	select.length = 1;
	for (const template of templates.filter((t) => t.enabled)) {
		const option = document.createElement('option');
		option.value = template.templateId;
		option.textContent = template.name;
		select.appendChild(option);
	}
	select.value = kept ? chosen : '';
	renderTemplateTable();
}

function variableInput(variable) {
	let input;
	if (variable.type === 'BOOLEAN') {
		input = document.createElement('input');
		input.type = 'checkbox';
		input.checked = variable.defaultValue === true;
	} else if (JSON_TYPES.includes(variable.type)) {
		input = document.createElement('textarea');
		input.placeholder = variable.type === 'OBJECT' ? '{"key": "value"}' : '["a", "b"]';
	} else {
		input = document.createElement('input');
		input.type = INPUT_TYPES[variable.type] || 'text';
		if (variable.type === 'NUMBER') {
			input.step = 'any';
		}
		if (variable.defaultValue != null) {
			input.placeholder = String(variable.defaultValue);
		}
	}
	input.id = 'var-' + variable.name;
	input.dataset.variable = variable.name;
	input.dataset.type = variable.type;
	input.addEventListener('input', schedulePreview);
	input.addEventListener('change', schedulePreview);
	return input;
}

function showVariables() {
	const template = chosenTemplate();
	const container = field('template-variables');
	container.replaceChildren();
	field('template-error').hidden = true;
	field('template-preview').hidden = true;
	field('compose').classList.toggle('from-template', Boolean(template));
	field('title').required = !template;
	field('content').required = !template;
	if (!template) {
		return;
	}
	for (const variable of template.variables) {
		const label = document.createElement('label');
		label.htmlFor = 'var-' + variable.name;
		label.textContent = `${variable.name}${variable.required ? ' *' : ''} (${variable.type})`
			+ (variable.description ? ': ' + variable.description : '');
		const error = document.createElement('span');
		error.className = 'field-error';
		error.id = 'var-error-' + variable.name;
		container.append(label, variableInput(variable), error);
	}
	schedulePreview();
}

// The values entered, typed as declared; a JSON field that does not parse is sent as text, so
// the server names it
function variableValues() {
	const values = {};
	for (const input of field('template-variables').querySelectorAll('[data-variable]')) {
		const name = input.dataset.variable;
		const type = input.dataset.type;
		if (type === 'BOOLEAN') {
			values[name] = input.checked;
			continue;
		}
		const value = input.value.trim();
		if (!value) {
			continue;
		}
		if (type === 'NUMBER') {
			values[name] = Number(value);
		} else if (JSON_TYPES.includes(type)) {
			try {
				values[name] = JSON.parse(value);
			} catch (error) {
				values[name] = value;
			}
		} else {
			values[name] = value;
		}
	}
	return values;
}

function templateSendRequest(body) {
	const request = { variables: variableValues() };
	if (body.metadata) {
		request.metadata = body.metadata;
	}
	if (body.expireTime) {
		request.expireTime = body.expireTime;
	}
	switch (text('target')) {
		case 'USER':
			return { ...request, receiverType: 'USER', receiverId: Number(text('receiver-user')) };
		case 'USER_GROUP':
			return { ...request, receiverType: 'USER_GROUP', receiverId: Number(text('receiver-group')) };
		case 'ORGANIZATION':
			return { ...request, receiverType: 'ORGANIZATION' };
		default:
			return { ...request, receiverType: 'BROADCAST' };
	}
}

// Puts each `variables.NAME` error next to its input; the rest go to the template's error line
function showVariableErrors(error) {
	for (const span of field('template-variables').querySelectorAll('.field-error')) {
		span.textContent = '';
	}
	const others = [];
	for (const problem of (error && error.problem && error.problem.errors) || []) {
		const match = /^variables\.(\w+)$/.exec(problem.field);
		const span = match && document.getElementById('var-error-' + match[1]);
		if (span) {
			span.textContent = problem.message;
		} else {
			others.push(`${problem.field} ${problem.message}`);
		}
	}
	return others;
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
	const sequence = ++previewSequence;
	try {
		const rendered = await Session.api(`/api/v1/message-templates/${template.templateId}/preview`, {
			method: 'POST',
			body: JSON.stringify({ variables: variableValues() }),
		});
		if (sequence !== previewSequence) {
			return; // a later preview is under way
		}
		showVariableErrors(null);
		field('template-error').hidden = true;
		field('template-preview-title').textContent = rendered.title;
		field('template-preview-content').textContent = rendered.content;
		field('template-preview').hidden = false;
	} catch (error) {
		if (sequence !== previewSequence) {
			return;
		}
		const others = showVariableErrors(error);
		field('template-preview').hidden = true;
		field('template-error').textContent = others.length || !error.problem || !error.problem.errors
			? error.message + (others.length ? ': ' + others.join(', ') : '') : 'Fill in the variables marked above.';
		field('template-error').hidden = false;
	}
}

field('template').addEventListener('change', showVariables);

// MANAGE TEMPLATES: list, create, edit, delete; the API's 400 errors appear under the field they name.
let editing = null;

function renderTemplateTable() {
	const body = document.querySelector('#templates tbody');
	body.replaceChildren();
	for (const template of templates) {
		const row = document.createElement('tr');
		for (const value of [template.name, template.category || '', template.messageType, template.priority,
			template.enabled ? 'yes' : 'no']) {
			const cell = document.createElement('td');
			cell.textContent = value;
			row.appendChild(cell);
		}
		const actions = document.createElement('td');
		actions.append(button('Edit', () => editTemplate(template), 'Edit ' + template.name),
			button('Delete', () => deleteTemplate(template), 'Delete ' + template.name));
		row.appendChild(actions);
		body.appendChild(row);
	}
}

const VARIABLE_TYPES = ['STRING', 'NUMBER', 'BOOLEAN', 'DATE', 'DATETIME', 'LIST', 'ARRAY', 'OBJECT', 'URL', 'EMAIL', 'PHONE'];

function addVariableRow(variable = { name: '', type: 'STRING', required: false, defaultValue: null, description: '' }) {
	const body = document.querySelector('#tpl-variables tbody');
	const index = body.rows.length;
	const row = document.createElement('tr');
	const cell = (element, key) => {
		const td = document.createElement('td');
		element.dataset.key = key;
		const error = document.createElement('span');
		error.className = 'field-error';
		error.dataset.errorFor = key;
		td.append(element, error);
		row.appendChild(td);
	};
	const name = document.createElement('input');
	name.value = variable.name;
	name.setAttribute('aria-label', `variable ${index + 1} name`);
	cell(name, 'name');
	const type = document.createElement('select');
	for (const value of VARIABLE_TYPES) {
		type.add(new Option(value, value, false, value === variable.type));
	}
	type.setAttribute('aria-label', `variable ${index + 1} type`);
	cell(type, 'type');
	const required = document.createElement('input');
	required.type = 'checkbox';
	required.checked = variable.required;
	required.setAttribute('aria-label', `variable ${index + 1} required`);
	cell(required, 'required');
	const defaultValue = document.createElement('input');
	defaultValue.value = variable.defaultValue == null ? ''
		: (typeof variable.defaultValue === 'object' ? JSON.stringify(variable.defaultValue) : String(variable.defaultValue));
	defaultValue.setAttribute('aria-label', `variable ${index + 1} default`);
	cell(defaultValue, 'defaultValue');
	const description = document.createElement('input');
	description.value = variable.description || '';
	description.setAttribute('aria-label', `variable ${index + 1} description`);
	cell(description, 'description');
	const remove = document.createElement('td');
	remove.appendChild(button('Remove', () => row.remove(), `Remove variable ${index + 1}`));
	row.appendChild(remove);
	body.appendChild(row);
}

// A default value typed as declared (numbers, booleans and JSON parsed; bad ones sent as text for
// the server to name)
function typedDefault(type, value) {
	if (!value) {
		return null;
	}
	try {
		if (type === 'NUMBER' || type === 'BOOLEAN' || JSON_TYPES.includes(type)) {
			return JSON.parse(value);
		}
	} catch (error) {
		return value;
	}
	return value;
}

function templateBody() {
	const variables = [...document.querySelectorAll('#tpl-variables tbody tr')].map((row) => {
		const get = (key) => row.querySelector(`[data-key="${key}"]`);
		const variable = {
			name: get('name').value.trim(),
			type: get('type').value,
			required: get('required').checked,
			defaultValue: typedDefault(get('type').value, get('defaultValue').value.trim()),
		};
		if (get('description').value.trim()) {
			variable.description = get('description').value.trim();
		}
		return variable;
	});
	const body = {
		name: text('tpl-name'),
		title: field('tpl-title').value,
		content: field('tpl-content').value,
		messageType: text('tpl-message-type'),
		priority: text('tpl-priority'),
		enabled: field('tpl-enabled').checked,
		variables,
	};
	if (text('tpl-description')) {
		body.description = text('tpl-description');
	}
	if (text('tpl-category')) {
		body.category = text('tpl-category');
	}
	return body;
}

function clearTemplateErrors() {
	for (const span of field('template-form').querySelectorAll('.field-error')) {
		span.textContent = '';
	}
	field('tpl-form-error').hidden = true;
}

// Shows each error under its field: `name`, `title`, ... or `variables[i].key`
function showTemplateErrors(error) {
	const others = [];
	for (const problem of (error.problem && error.problem.errors) || []) {
		const variable = /^variables\[(\d+)\]\.(\w+)$/.exec(problem.field);
		let span = null;
		if (variable) {
			const row = document.querySelectorAll('#tpl-variables tbody tr')[Number(variable[1])];
			span = row && row.querySelector(`[data-error-for="${variable[2]}"]`);
		} else {
			const input = field('template-form').querySelector(`[data-field="${problem.field}"]`);
			span = input && input.nextElementSibling && input.nextElementSibling.classList.contains('field-error')
				? input.nextElementSibling : null;
		}
		if (span) {
			span.textContent = problem.message;
		} else {
			others.push(`${problem.field} ${problem.message}`);
		}
	}
	field('tpl-form-error').textContent = error.message + (others.length ? ': ' + others.join(', ') : '');
	field('tpl-form-error').hidden = false;
}

function openTemplateForm(template) {
	editing = template;
	clearTemplateErrors();
	field('tpl-result').textContent = '';
	field('template-form-title').textContent = template ? 'Edit ' + template.name : 'New template';
	field('tpl-name').value = template ? template.name : '';
	field('tpl-description').value = template ? template.description || '' : '';
	field('tpl-category').value = template ? template.category || '' : '';
	field('tpl-message-type').value = template ? template.messageType : 'SYSTEM';
	field('tpl-priority').value = template ? template.priority : 'NORMAL';
	field('tpl-enabled').checked = template ? template.enabled : true;
	field('tpl-title').value = template ? template.title : '';
	field('tpl-content').value = template ? template.content : '';
	document.querySelector('#tpl-variables tbody').replaceChildren();
	for (const variable of template ? template.variables : []) {
		addVariableRow(variable);
	}
	field('template-form').hidden = false;
	field('tpl-name').focus();
}

function editTemplate(template) {
	openTemplateForm(template);
}

async function deleteTemplate(template) {
	if (!confirm(`Delete the template ${template.name}? Messages sent with it stay.`)) {
		return;
	}
	try {
		await Session.api(`/api/v1/message-templates/${template.templateId}`, { method: 'DELETE' });
		field('templates-error').hidden = true;
		if (editing && editing.templateId === template.templateId) {
			field('template-form').hidden = true;
		}
		await loadTemplates();
		showVariables();
	} catch (error) {
		field('templates-error').textContent = error.message;
		field('templates-error').hidden = false;
	}
}

// every labelled template field gets a place for its error right after it
for (const input of field('template-form').querySelectorAll('[data-field]')) {
	const error = document.createElement('span');
	error.className = 'field-error';
	input.after(error);
}

field('template-new').addEventListener('click', () => openTemplateForm(null));
field('tpl-add-variable').addEventListener('click', () => addVariableRow());
field('tpl-cancel').addEventListener('click', () => {
	field('template-form').hidden = true;
});
field('template-form').addEventListener('submit', async (event) => {
	event.preventDefault();
	clearTemplateErrors();
	const path = editing ? `/api/v1/message-templates/${editing.templateId}` : '/api/v1/message-templates';
	try {
		const saved = await Session.api(path, { method: editing ? 'PUT' : 'POST', body: JSON.stringify(templateBody()) });
		editing = saved;
		field('template-form-title').textContent = 'Edit ' + saved.name;
		field('tpl-result').textContent = `Saved template ${saved.name}.`;
		await loadTemplates();
		showVariables();
	} catch (error) {
		showTemplateErrors(error);
	}
});

showTarget();
loadGroups();
loadTemplates().catch((error) => {
	field('templates-error').textContent = error.message;
	field('templates-error').hidden = false;
});
loadStatistics();
