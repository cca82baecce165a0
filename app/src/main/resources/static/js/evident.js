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

// Evidence upload: a drop zone, one row per file with its own title and dates, one request per file
// with its progress, and each file's problems shown next to it. Without JavaScript the form sends all
// files at once with the shared dates.
(function () {
  var form = document.querySelector('[data-upload-form]');
  if (!form) { return; }
  var input = form.querySelector('input[type=file]');
  var zone = form.querySelector('[data-drop-zone]');
  var list = form.querySelector('[data-upload-list]');
  var maxSize = Number(form.getAttribute('data-max-size')) || 0;
  var maxLabel = form.getAttribute('data-max-size-label') || '';
  var rows = [];
  var counter = 0;

  function field(row, labelText, type, name, value) {
    var id = 'upload-' + name + '-' + row.number;
    var wrap = document.createElement('div');
    wrap.className = 'field';
    var label = document.createElement('label');
    label.setAttribute('for', id);
    label.textContent = labelText;
    var el = document.createElement('input');
    el.type = type; el.id = id; el.name = name; el.value = value || '';
    if (name === 'title') { el.maxLength = 300; }
    wrap.appendChild(label); wrap.appendChild(el);
    row.el.appendChild(wrap);
    return el;
  }

  function showErrors(row, errors) {
    row.el.classList.add('failed');
    row.errors.innerHTML = '';
    errors.forEach(function (message) {
      var line = document.createElement('span');
      line.textContent = message;
      row.errors.appendChild(line);
      row.errors.appendChild(document.createElement('br'));
    });
    row.errors.hidden = false;
  }

  function add(files) {
    Array.prototype.forEach.call(files, function (file) {
      var row = { file: file, number: ++counter, done: false };
      row.el = document.createElement('li');
      row.el.className = 'upload-row';
      row.el.setAttribute('data-file', file.name);
      var name = document.createElement('span');
      name.className = 'file-name';
      name.textContent = file.name;
      row.el.appendChild(name);
      var dot = file.name.lastIndexOf('.');
      var shared = form.querySelector('[data-shared-title]');
      row.title = field(row, 'Title of ' + file.name, 'text', 'title',
        (files.length === 1 && shared && shared.value) ? shared.value : (dot > 0 ? file.name.substring(0, dot) : file.name));
      row.from = field(row, 'Effective from', 'date', 'effectiveFrom', form.querySelector('#upload-from').value);
      row.to = field(row, 'Effective to', 'date', 'effectiveTo', form.querySelector('#upload-to').value);
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'button small secondary';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', 'Remove ' + file.name);
      remove.addEventListener('click', function () {
        rows = rows.filter(function (r) { return r !== row; });
        list.removeChild(row.el);
        sync();
      });
      row.el.appendChild(remove);
      row.progress = document.createElement('progress');
      row.progress.max = 100; row.progress.value = 0; row.progress.hidden = true;
      row.progress.setAttribute('aria-label', 'Upload of ' + file.name);
      row.el.appendChild(row.progress);
      row.errors = document.createElement('p');
      row.errors.className = 'file-errors';
      row.errors.setAttribute('role', 'alert');
      row.errors.hidden = true;
      row.el.appendChild(row.errors);
      list.appendChild(row.el);
      rows.push(row);
      if (maxSize && file.size > maxSize) {
        showErrors(row, [file.name + ' is too large: evidence files may be at most ' + maxLabel + '.']);
        row.tooLarge = true;
      }
    });
    input.value = '';
    sync();
  }

  function sync() {
    list.hidden = rows.length === 0;
    // the files live in the rows now; the browser's own check would ask for them again
    input.required = rows.length === 0;
    // the shared dates are only needed without rows, each row has its own
    form.querySelector('#upload-from').required = rows.length === 0;
  }

  function headers(xhr) {
    var raw = document.body.getAttribute('hx-headers');
    if (!raw) { return; }
    try {
      var parsed = JSON.parse(raw);
      Object.keys(parsed).forEach(function (name) { xhr.setRequestHeader(name, parsed[name]); });
    } catch (e) { /* no CSRF header: the form field still carries the token */ }
  }

  function send(row) {
    return new Promise(function (resolve) {
      var data = new FormData();
      var token = form.querySelector('input[name=_csrf]');
      if (token) { data.append('_csrf', token.value); }
      data.append('title', row.title.value);
      data.append('effectiveFrom', row.from.value);
      data.append('effectiveTo', row.to.value);
      data.append('description', form.querySelector('#upload-description').value);
      Array.prototype.forEach.call(form.querySelector('#upload-controls').selectedOptions, function (o) {
        data.append('controlIds', o.value);
      });
      Array.prototype.forEach.call(form.querySelector('#upload-programs').selectedOptions, function (o) {
        data.append('programIds', o.value);
      });
      data.append('file', row.file, row.file.name);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.setRequestHeader('Accept', 'application/json');
      headers(xhr);
      row.progress.hidden = false;
      row.el.classList.remove('failed');
      row.errors.hidden = true;
      xhr.upload.addEventListener('progress', function (event) {
        if (event.lengthComputable) { row.progress.value = Math.round(100 * event.loaded / event.total); }
      });
      xhr.addEventListener('load', function () {
        var answer = null;
        try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = null; }
        var file = answer && answer.files && answer.files[0];
        if (file && file.ok) {
          row.done = true;
          row.progress.value = 100;
          row.el.classList.add('done');
          var done = document.createElement('p');
          done.className = 'file-done';
          var link = document.createElement('a');
          link.href = file.href;
          link.textContent = file.title;
          done.appendChild(document.createTextNode(file.existed ? 'Stored already: ' : 'Added: '));
          done.appendChild(link);
          row.el.appendChild(done);
          row.el.querySelectorAll('input, button').forEach(function (el) { el.disabled = true; });
        } else if (file) {
          showErrors(row, file.errors);
        } else {
          showErrors(row, [xhr.status === 413 ? row.file.name + ' is too large: evidence files may be at most ' + maxLabel + '.'
            : 'The server answered ' + xhr.status + '; try again, or reload the page if your session ended.']);
        }
        resolve();
      });
      xhr.addEventListener('error', function () {
        showErrors(row, ['The upload did not reach the server; check the connection and try again.']);
        resolve();
      });
      xhr.send(data);
    });
  }

  input.addEventListener('change', function () { if (input.files.length) { add(input.files); } });
  if (zone) {
    ['dragenter', 'dragover'].forEach(function (type) {
      zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.add('dragging'); });
    });
    ['dragleave', 'drop'].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove('dragging'); });
    });
    zone.addEventListener('drop', function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) { add(event.dataTransfer.files); }
    });
  }
  form.addEventListener('submit', function (event) {
    if (rows.length === 0) { return; }
    event.preventDefault();
    var pending = rows.filter(function (r) { return !r.done && !r.tooLarge; });
    var chain = Promise.resolve();
    pending.forEach(function (row) { chain = chain.then(function () { return send(row); }); });
    chain.then(function () {
      var results = document.getElementById('evidence-results');
      if (results && window.htmx && pending.some(function (r) { return r.done; })) {
        window.htmx.ajax('GET', window.location.pathname + window.location.search, { target: '#evidence-results', swap: 'innerHTML' });
      }
    });
  });
}());
