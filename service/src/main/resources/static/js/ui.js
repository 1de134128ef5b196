// Small page helpers shared by the pages.

// A short notice in the page's corner (an element #toasts), gone after six seconds.
function toast(text) {
	const element = document.createElement('div');
	element.className = 'toast';
	element.textContent = text;
	document.getElementById('toasts').appendChild(element);
	setTimeout(() => element.remove(), 6000);
}

// A button that calls onClick; aria, if given, is its accessible name.
function button(label, onClick, aria) {
	const element = document.createElement('button');
	element.type = 'button';
	element.textContent = label;
	if (aria) {
		element.setAttribute('aria-label', aria);
	}
	element.addEventListener('click', onClick);
	return element;
}
