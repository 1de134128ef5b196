// The access token of the signed-in user, kept per browser tab; shared by every page.
const Session = {
	key: 'orderpulse.session',
	get() {
		const raw = sessionStorage.getItem(this.key);
		return raw ? JSON.parse(raw) : null;
	},
	save(login) {
		sessionStorage.setItem(this.key, JSON.stringify({ token: login.accessToken, user: login.user }));
	},
	clear() {
		sessionStorage.removeItem(this.key);
	},
	async api(path, options = {}) {
		const session = this.get();
		const headers = { 'Content-Type': 'application/json', ...(options.headers || {}) };
		if (session) {
			headers.Authorization = 'Bearer ' + session.token;
		}
		const response = await fetch(path, { ...options, headers });
		const body = response.status === 204 ? null : await response.json().catch(() => null);
		if (!response.ok) {
			const error = new Error((body && (body.detail || body.title)) || response.statusText);
			error.status = response.status;
			error.problem = body;
			throw error;
		}
		return body;
	},
};
