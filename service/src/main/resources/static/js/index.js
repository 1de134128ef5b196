const loginPanel = document.getElementById('login-panel');
const userPanel = document.getElementById('user-panel');
const loginError = document.getElementById('login-error');

function showUser(user) {
	document.getElementById('display-name').textContent = user.displayName;
	document.getElementById('user-name').textContent = user.username;
	document.getElementById('user-roles').textContent = user.roles.join(', ');
	showContact(user);
	loginPanel.hidden = true;
	userPanel.hidden = false;
}

// the contact details the EMAIL and SMS channels use; the server's 400 errors appear under the
// field they name
function showContact(user) {
	document.getElementById('contact-email').value = user.email || '';
	document.getElementById('contact-phone').value = user.phone || '';
	for (const field of ['email', 'phone']) {
		document.getElementById(`contact-${field}-error`).hidden = true;
	}
}

document.getElementById('contact-form').addEventListener('submit', async (event) => {
	event.preventDefault();
	const status = document.getElementById('contact-status');
	status.textContent = '';
	for (const field of ['email', 'phone']) {
		document.getElementById(`contact-${field}-error`).hidden = true;
	}
	try {
		const user = await Session.api('/api/v1/users/me/contact', {
			method: 'PUT',
			body: JSON.stringify({
				email: document.getElementById('contact-email').value,
				phone: document.getElementById('contact-phone').value,
			}),
		});
		showContact(user);
		status.textContent = 'Saved.';
	} catch (error) {
		const problems = (error.problem && error.problem.errors) || [];
		for (const problem of problems) {
			const shown = document.getElementById(`contact-${problem.field}-error`);
			if (shown) {
				shown.textContent = problem.message;
				shown.hidden = false;
			}
		}
		if (!problems.length) {
			status.textContent = error.message;
		}
	}
});

function showLogin() {
	userPanel.hidden = true;
	loginPanel.hidden = false;
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
	event.preventDefault();
	loginError.hidden = true;
	try {
		const login = await Session.api('/api/v1/auth/login', {
			method: 'POST',
			body: JSON.stringify({
				username: document.getElementById('username').value,
				password: document.getElementById('password').value,
			}),
		});
		Session.save(login);
		showUser(await Session.api('/api/v1/users/me'));
	} catch (error) {
		loginError.textContent = error.message;
		loginError.hidden = false;
	}
});

document.getElementById('logout-button').addEventListener('click', async () => {
	try {
		// ends the session on the server too: the token stops working everywhere
		await Session.api('/api/v1/auth/logout', { method: 'POST' });
	} catch (error) {
		// an expired or revoked token has no session left to end
	}
	Session.clear();
	showLogin();
});

(async () => {
	if (!Session.get()) {
		return;
	}
	try {
		showUser(await Session.api('/api/v1/users/me'));
	} catch (error) {
		Session.clear();
		showLogin();
	}
})();
