// The inbox page's notification preferences (channel switches by default and per category) and the
// user's own quiet hours. A channel not switched off is on; categories are shown as typed,
// upper case.
const PREF_CHANNELS = ['WEBSOCKET', 'EMAIL', 'WEBHOOK', 'SMS'];
const byId = (id) => document.getElementById(id);

function preferenceRow(category, switches) {
	const row = document.createElement('tr');
	row.dataset.category = category;
	const name = document.createElement('td');
	name.textContent = category || 'Default (all categories)';
	row.appendChild(name);
	for (const channel of PREF_CHANNELS) {
		const td = document.createElement('td');
		const box = document.createElement('input');
		box.type = 'checkbox';
		box.dataset.channel = channel;
		box.checked = switches[channel] !== false;
		box.setAttribute('aria-label', `${channel} for ${category || 'all categories'}`);
		td.appendChild(box);
		row.appendChild(td);
	}
	return row;
}

async function loadPreferences() {
	try {
		const preferences = await Session.api('/api/v1/users/me/notification-preferences');
		const body = document.querySelector('#pref-table tbody');
		body.replaceChildren();
		body.appendChild(preferenceRow('', preferences.channels));
		for (const [category, switches] of Object.entries(preferences.categories)) {
			body.appendChild(preferenceRow(category, switches));
		}
	} catch (error) {
		byId('pref-result').textContent = error.message;
	}
}

function switchesOf(row) {
	const switches = {};
	for (const box of row.querySelectorAll('input[data-channel]')) {
		switches[box.dataset.channel] = box.checked;
	}
	return switches;
}

byId('pref-add-category').addEventListener('click', () => {
	const category = byId('pref-new-category').value.trim().toUpperCase();
	if (category && !document.querySelector(`#pref-table tr[data-category="${CSS.escape(category)}"]`)) {
		document.querySelector('#pref-table tbody').appendChild(preferenceRow(category, {}));
	}
	byId('pref-new-category').value = '';
});

byId('pref-save').addEventListener('click', async () => {
	const body = { channels: {}, categories: {} };
	for (const row of document.querySelectorAll('#pref-table tbody tr')) {
		if (row.dataset.category) {
			body.categories[row.dataset.category] = switchesOf(row);
		} else {
			body.channels = switchesOf(row);
		}
	}
	try {
		await Session.api('/api/v1/users/me/notification-preferences', { method: 'PUT', body: JSON.stringify(body) });
		byId('pref-result').textContent = 'Preferences saved.';
		loadPreferences();
	} catch (error) {
		const problems = ((error.problem && error.problem.errors) || []).map((problem) => `${problem.field} ${problem.message}`);
		byId('pref-result').textContent = error.message + (problems.length ? ': ' + problems.join(', ') : '');
	}
});

async function loadMyQuietHours() {
	try {
		const hours = await Session.api('/api/v1/users/me/quiet-hours');
		byId('my-quiet-enabled').checked = hours.enabled;
		byId('my-quiet-start').value = hours.start;
		byId('my-quiet-end').value = hours.end;
		byId('my-quiet-zone').value = hours.zone;
		byId('my-quiet-result').textContent = `Your quiet hours ${hours.enabled ? 'on' : 'off'}: ${hours.start}-${hours.end} ${hours.zone}`;
	} catch (error) {
		byId('my-quiet-result').textContent = error.status === 404 ? "Your organization's quiet hours apply." : error.message;
	}
}

byId('my-quiet-form').addEventListener('submit', async (event) => {
	event.preventDefault();
	try {
		await Session.api('/api/v1/users/me/quiet-hours', {
			method: 'PUT',
			body: JSON.stringify({ enabled: byId('my-quiet-enabled').checked, start: byId('my-quiet-start').value,
				end: byId('my-quiet-end').value, zone: byId('my-quiet-zone').value.trim() }),
		});
		loadMyQuietHours();
	} catch (error) {
		const problems = ((error.problem && error.problem.errors) || []).map((problem) => `${problem.field} ${problem.message}`);
		byId('my-quiet-result').textContent = error.message + (problems.length ? ': ' + problems.join(', ') : '');
	}
});

byId('my-quiet-remove').addEventListener('click', async () => {
	try {
		await Session.api('/api/v1/users/me/quiet-hours', { method: 'DELETE' });
	} catch (error) {
		// none set: nothing to remove
	}
	loadMyQuietHours();
});

loadPreferences();
loadMyQuietHours();
