// Tandem: small progressive enhancements. Every page works without this file.
'use strict';

(function () {
  var live = null;

  // One polite live region, created on first use, for short announcements.
  function announce(message) {
    if (!live) {
      live = document.createElement('div');
      live.className = 'visually-hidden';
      live.setAttribute('aria-live', 'polite');
      document.body.appendChild(live);
    }
    live.textContent = '';
    setTimeout(function () { live.textContent = message; }, 50);
  }

  function fallbackCopy(field) {
    field.focus();
    field.select();
    if (field.setSelectionRange) field.setSelectionRange(0, field.value.length);
    return document.execCommand('copy');
  }

  async function copy(button) {
    var field = document.getElementById(button.getAttribute('data-copy'));
    if (!field) return;
    var ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(field.value);
        ok = true;
      }
    } catch (e) { /* fall through to the old way */ }
    if (!ok) {
      try { ok = fallbackCopy(field); } catch (e) { ok = false; }
    }
    if (!ok) { announce('Could not copy. Select the text and copy it yourself.'); return; }
    if (!button.dataset.label) button.dataset.label = button.textContent;
    button.textContent = 'Copied';
    announce('Copied to the clipboard');
    clearTimeout(button._copyTimer);
    button._copyTimer = setTimeout(function () { button.textContent = button.dataset.label; }, 2000);
  }

  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    button.addEventListener('click', function (event) { event.preventDefault(); copy(button); });
  });

  // Listening starters: each suggestion becomes a button whose tap puts the words into the
  // answer, ready to finish.
  document.querySelectorAll('span[data-starter]').forEach(function (span) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'chip';
    button.setAttribute('data-starter', span.getAttribute('data-starter'));
    button.textContent = span.textContent;
    span.replaceWith(button);
    button.addEventListener('click', function () {
      var form = button.closest('form');
      var field = form && form.querySelector('textarea');
      if (!field) return;
      var text = button.getAttribute('data-starter');
      field.value = field.value ? field.value.replace(/\s*$/, ' ') + text : text;
      field.focus();
      var gap = field.value.indexOf('…');
      if (gap >= 0 && field.setSelectionRange) field.setSelectionRange(gap, gap + 1);
    });
  });

  // Preselect the browser's time zone where the server could only guess UTC.
  var zone = '';
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { zone = ''; }
  document.querySelectorAll('select[data-detect-time-zone]').forEach(function (select) {
    if (!zone || (select.value !== 'UTC' && select.value !== '')) return;
    var match = Array.prototype.some.call(select.options, function (o) { return o.value === zone; });
    if (match) select.value = zone;
  });
})();
