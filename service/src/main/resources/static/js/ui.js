// Small page helpers shared by the pages. Pages never parse data as HTML (no innerHTML and the
// like): they build elements with el() and put text in with textContent, so a name such as
// `"><img src=x onerror=...>` shows as typed and never becomes markup.

// An element: el('td', { class: 'status', 'data-order': 7 }, 'text', otherElement, ...).
// Attributes are set with setAttribute (null, undefined and false leave one out, true sets it
// empty); a function value for on<event> becomes an event listener (handler attributes are
// refused: the Content-Security-Policy forbids them, and they would run text as script).
// Children are nodes or text (strings, numbers), arrays of them, or null/undefined/false (left out).
function el(tag, attrs, ...children) {
	const element = document.createElement(tag);
	for (const [name, value] of Object.entries(attrs || {})) {
		if (/^on/i.test(name)) {
			if (typeof value !== 'function') {
				throw new TypeError('el: ' + name + ' takes a function');
			}
			element.addEventListener(name.slice(2).toLowerCase(), value);
		} else if (value !== null && value !== undefined && value !== false) {
			element.setAttribute(name, value === true ? '' : String(value));
		}
	}
	for (const child of children.flat(Infinity)) {
		if (child !== null && child !== undefined && child !== false) {
			element.append(child instanceof Node ? child : String(child));
		}
	}
	return element;
}

// A short notice in the page's corner (an element #toasts), gone after six seconds.
function toast(text) {
	const element = el('div', { class: 'toast' }, text);
	document.getElementById('toasts').appendChild(element);
	setTimeout(() => element.remove(), 6000);
}

// A button that calls onClick; aria, if given, is its accessible name.
function button(label, onClick, aria) {
	return el('button', { type: 'button', 'aria-label': aria || null, onclick: onClick }, label);
}
