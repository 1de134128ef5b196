// The sandbox's pay page: confirms as the signed-in buyer, with the access token of this tab's
// session (a pay page opened from the shop or the flash sale shares that tab's session).
{
	const form = document.querySelector('form[action$="/confirm"]');
	form?.addEventListener('submit', async (event) => {
		event.preventDefault();
		const session = Session.get();
		const response = await fetch(form.action, {
			method: 'POST',
			headers: session ? { Authorization: 'Bearer ' + session.token } : {},
		});
		if (response.ok) {
			window.location.reload();
			return;
		}
		const problem = await response.json().catch(() => null);
		document.querySelector('.error').textContent =
			(problem && (problem.detail || problem.title)) || response.statusText;
	});
}
