// A short message in the corner of the page (an element #toasts must exist), gone after 6 s.
function toast(text) {
	const element = document.createElement('div');
	element.className = 'toast';
	element.textContent = text;
	document.getElementById('toasts').appendChild(element);
	setTimeout(() => element.remove(), 6000);
}
