// The sandbox's pay page (served at /sandbox/pay/{outTradeNo}): shows the trade and confirms it
// as the signed-in buyer, with the access token of this tab's session (a pay page opened from the
// shop or the flash sale shares that tab's session). Only that buyer reads or pays the trade.
{
	const match = /^\/sandbox\/pay\/([^/]+)$/.exec(window.location.pathname);
	const base = match ? '/sandbox/pay/' + match[1] : null;
	const trade = document.getElementById('trade');
	const error = document.getElementById('error');
	const confirm = document.getElementById('confirm');
	const state = document.getElementById('state');

	function fail(problem, status) {
		if (status === 401 || status === 404) {
			trade.hidden = true;
		}
		if (status === 401) {
			error.textContent = 'Sign in first: open this page from the shop or the flash sale of the buyer who pays.';
		} else if (status === 404) {
			error.textContent = 'The sandbox knows no payment with this number.';
		} else {
			error.textContent = (problem && (problem.detail || problem.title)) || 'The sandbox did not answer (' + status + ').';
		}
	}

	function show(details) {
		document.getElementById('subject').textContent = details.subject;
		document.getElementById('amount').textContent = '¥ ' + details.amount;
		document.getElementById('trade-number').textContent = 'Payment ' + details.outTradeNo;
		confirm.hidden = details.state !== 'OPEN';
		state.hidden = details.state === 'OPEN';
		state.textContent = details.state === 'SETTLED'
			? 'Paid (trade ' + details.tradeNo + '). You may close this page.'
			: details.state === 'REFUNDED' ? 'Refunded.' : '';
		error.textContent = '';
		trade.hidden = false;
	}

	async function load() {
		if (!base) {
			fail(null, 404);
			return;
		}
		try {
			show(await Session.api(base + '/trade'));
		} catch (e) {
			fail(e.problem, e.status);
		}
	}

	confirm.addEventListener('click', async () => {
		confirm.disabled = true;
		const session = Session.get();
		try {
			const response = await fetch(base + '/confirm', {
				method: 'POST',
				headers: session ? { Authorization: 'Bearer ' + session.token } : {},
			});
			if (!response.ok) {
				const problem = await response.json().catch(() => null);
				fail(problem, response.status);
				return;
			}
			await load();
		} finally {
			confirm.disabled = false;
		}
	});

	load();
}
