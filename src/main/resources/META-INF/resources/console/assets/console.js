// Consent Ledger console: small progressive enhancements (no inline scripts: strict CSP).
(function () {
  'use strict';
  document.addEventListener('click', function (event) {
    var copy = event.target.closest('button.copy');
    if (copy) {
      var source = document.getElementById(copy.getAttribute('data-copy'));
      source.select();
      if (navigator.clipboard) navigator.clipboard.writeText(source.value).catch(function () { document.execCommand('copy'); });
      else document.execCommand('copy');
      copy.setAttribute('data-done', 'true');
      return;
    }
    var lang = event.target.closest('a.preview-lang');
    if (lang) {
      event.preventDefault();
      document.getElementById(lang.getAttribute('data-frame')).src = lang.getAttribute('data-src');
    }
  });

  // add-site form: suggest the site key from the name until the key is edited by hand
  var keyInput = document.querySelector('input[data-suggest-from]');
  if (keyInput) {
    var nameInput = document.getElementById(keyInput.getAttribute('data-suggest-from'));
    var touched = keyInput.value !== '';
    keyInput.addEventListener('input', function () { touched = keyInput.value !== ''; });
    nameInput.addEventListener('input', function () {
      if (touched) return;
      var s = nameInput.value.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
      s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/^https?:\/\//, '').replace(/^www\./, '');
      s = s.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64).replace(/-+$/, '');
      if (s.length > 0 && s.length < 3) s = s + '-site';
      keyInput.value = s;
    });
  }

  // a page that reports a result or an error moves the focus there (keyboard and screen-reader users)
  // (any status or alert message in the page body after a save: saved, erased, generated password, errors)
  var result = document.querySelector('#form-errors, #notice')
      || document.querySelector('main .notice[role=status], main .error[role=alert], main #errors');
  if (result) {
    if (!result.hasAttribute('tabindex')) result.setAttribute('tabindex', '-1');
    result.focus();
  }

  var verify = document.getElementById('verify-form');
  if (verify && window.EventSource) {
    verify.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = document.getElementById('verify');
      var bar = document.getElementById('verify-progress');
      var out = document.getElementById('verify-result');
      button.disabled = true;
      bar.hidden = false;
      bar.removeAttribute('value');
      out.textContent = '';
      var source = new EventSource(verify.getAttribute('data-stream'));
      source.onmessage = function (message) {
        var data = JSON.parse(message.data);
        if (data.type === 'progress' && data.total > 0) {
          bar.max = data.total;
          bar.value = data.done;
        } else if (data.type === 'done') {
          source.close();
          bar.max = 1;
          bar.value = 1;
          var p = document.createElement('p');
          p.className = data.ok ? 'ok' : 'error';
          p.id = 'verify-text';
          p.textContent = data.text;
          out.appendChild(p);
          button.disabled = false;
        }
      };
      source.onerror = function () {
        source.close();
        button.disabled = false;
        verify.submit();
      };
    });
  }
}());

// banner editor: a field's error waits until the field was touched (or the draft saved); a required field left empty
// says so when the focus leaves it
(function () {
  'use strict';
  var form = document.querySelector('form.ed-form');
  if (!form) return;
  var requiredText = form.getAttribute('data-required-text');
  form.addEventListener('focusout', function (event) {
    var field = event.target;
    if (!field.name || !(field.matches('input, textarea'))) return;
    var error = document.getElementById(field.id + '-error');
    var empty = field.value.trim() === '';
    if (!field.hasAttribute('data-required')) {
      if (error && error.hasAttribute('data-pending') && !empty) error.hidden = false;
      return;
    }
    if (!error && empty) {
      error = document.createElement('p');
      error.className = 'field-error';
      error.id = field.id + '-error';
      error.setAttribute('data-error-for', field.name);
      error.setAttribute('data-client', '');
      error.textContent = requiredText;
      field.insertAdjacentElement('afterend', error);
    }
    if (error) {
      var show = empty || !error.hasAttribute('data-client') && !error.hasAttribute('data-pending');
      error.hidden = !show;
      if (show) {
        field.setAttribute('aria-invalid', 'true');
        field.setAttribute('aria-describedby', error.id);
      } else {
        field.removeAttribute('aria-invalid');
      }
    }
  });
}());
