// Small progressive enhancements; every page works without JavaScript.
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy]');
  if (!button) { return; }
  var input = document.querySelector(button.getAttribute('data-copy'));
  if (!input) { return; }
  input.select();
  var done = function () { button.textContent = 'Copied'; };
  if (navigator.clipboard) { navigator.clipboard.writeText(input.value).then(done, function () {}); }
});

document.addEventListener('submit', function (event) {
  var message = event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) { event.preventDefault(); }
});

document.addEventListener('change', function (event) {
  if (event.target.matches('select[data-autosubmit]')) { event.target.form.submit(); }
});
