const loginPanel = document.getElementById('login-panel');
const userPanel = document.getElementById('user-panel');
const loginError = document.getElementById('login-error');

function showUser(user) {
	document.getElementById('display-name').textContent = user.displayName;
	document.getElementById('user-name').textContent = user.username;
	document.getElementById('user-roles').textContent = user.roles.join(', ');
	loginPanel.hidden = true;
	userPanel.hidden = false;
}

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

document.getElementById('logout-button').addEventListener('click', () => {
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
