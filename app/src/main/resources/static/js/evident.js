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

// Lets CSS hide what only matters without JavaScript (".no-js-only").
document.documentElement.classList.add('js');

// A form's error summary takes focus, so keyboard and screen-reader users start at the problems.
(function () {
  var summary = document.querySelector('[data-focus-on-load]');
  if (summary) { summary.focus(); }
}());

// Program setup, step 1: show the dates of the chosen report type only, and switch a suggested name
// ("SOC 2 Type II 2028" ↔ "SOC 2 Type I 2028") unless the person typed their own.
(function () {
  var form = document.querySelector('[data-report-type-form]');
  if (!form) { return; }
  var name = form.querySelector('#name');
  var previous = null;
  function chosen() {
    var checked = form.querySelector('input[name=reportType]:checked');
    return checked ? checked.value : 'TYPE_2';
  }
  function suggestion(type) {
    return name ? name.getAttribute('data-suggest-' + (type === 'TYPE_1' ? 'type-1' : 'type-2')) : null;
  }
  function update() {
    var type = chosen();
    form.querySelectorAll('[data-for-type]').forEach(function (set) {
      set.hidden = set.getAttribute('data-for-type') !== type;
    });
    if (name && previous && previous !== type && name.value === suggestion(previous) && suggestion(type)) {
      name.value = suggestion(type);
    }
    previous = type;
  }
  form.addEventListener('change', function (event) {
    if (event.target.name === 'reportType') { update(); }
  });
  update();
}());

// Program setup, scope: the "why is it out of scope?" field only shows while a category is left out.
(function () {
  function sync(box) {
    var field = document.getElementById(box.getAttribute('data-reason'));
    if (field) { field.hidden = box.checked; }
  }
  document.querySelectorAll('input[data-reason]').forEach(sync);
  document.addEventListener('change', function (event) {
    if (event.target.matches('input[data-reason]')) { sync(event.target); }
  });
}());

// Filter forms sent by htmx leave out empty fields, so the address shows only the filters in use.
document.addEventListener('htmx:configRequest', function (event) {
  if (!event.detail.elt.closest('[data-drop-empty]')) { return; }
  var data = event.detail.formData;
  Array.from(new Set(data.keys())).forEach(function (name) {
    if (data.getAll(name).every(function (value) { return value === ''; })) { data.delete(name); }
  });
});
