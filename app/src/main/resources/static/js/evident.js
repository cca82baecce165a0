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

// Filter forms sent by htmx leave out empty fields, so the address shows only the filters in use.
document.addEventListener('htmx:configRequest', function (event) {
  if (!event.detail.elt.closest('[data-drop-empty]')) { return; }
  var data = event.detail.formData;
  Array.from(new Set(data.keys())).forEach(function (name) {
    if (data.getAll(name).every(function (value) { return value === ''; })) { data.delete(name); }
  });
});
