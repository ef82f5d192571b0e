// Sends the CSRF token with every htmx request (CSP forbids inline scripts, so it lives here).
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// Destructive one-click actions ask first, saying what will happen: a plain form with data-confirm="…" submits only
// when the person confirms (htmx forms use hx-confirm, which htmx asks itself).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var message = form && form.getAttribute ? form.getAttribute("data-confirm") : null;
  if (message && !window.confirm(message)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
