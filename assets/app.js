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

  // The script's words come from the page, in its language (see templates/base.html).
  var words = document.body.dataset;
  var lang = document.documentElement.lang || undefined;
  function fill(text, numbers) {
    return (text || '').replace(/\{(\w+)\}/g, function (whole, name) {
      return name in numbers ? numbers[name].toLocaleString(lang) : whole;
    });
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
    if (!ok) { announce(words.copyFailed); return; }
    if (!button.dataset.label) button.dataset.label = button.textContent;
    button.textContent = words.copied;
    announce(words.copiedSaid);
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

  // Text limits: a live count under each limited textarea ("1,234 of 2,000"). The server says
  // how long a text may be when it is too long, so nothing is cut without a word. The count is
  // announced politely only near the limit, not at every keystroke.
  document.querySelectorAll('textarea[data-limit]').forEach(function (field) {
    var limit = parseInt(field.getAttribute('data-limit'), 10);
    if (!limit || !field.id) return;
    var counter = document.createElement('p');
    counter.className = 'hint counter';
    counter.id = field.id + '-count';
    field.insertAdjacentElement('afterend', counter);
    var described = field.getAttribute('aria-describedby');
    field.setAttribute('aria-describedby', described ? described + ' ' + counter.id : counter.id);
    function update() {
      var used = Array.from(field.value).length;
      var text = fill(used > limit ? words.countOver : words.count,
        { used: used, limit: limit, over: used - limit });
      if (counter.textContent !== text) counter.textContent = text;
      counter.classList.toggle('over', used > limit);
      if (used >= limit * 0.9) counter.setAttribute('aria-live', 'polite');
      else counter.removeAttribute('aria-live');
    }
    field.addEventListener('input', update);
    update();
  });

  // Preselect the browser's time zone where the server could only guess UTC.
  var zone = '';
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { zone = ''; }
  document.querySelectorAll('select[data-detect-time-zone]').forEach(function (select) {
    // The browser may say an older name of a zone ("Asia/Calcutta"): options list theirs.
    var options = Array.prototype.slice.call(select.options);
    if (zone && (select.value === 'UTC' || select.value === '')) {
      var match = options.filter(function (o) {
        return o.value === zone || (o.dataset.aliases || '').split(' ').indexOf(zone) >= 0;
      })[0];
      if (match) select.value = match.value;
    }
    // A box to find a city among some four hundred: it hides the options that do not match.
    var label = select.getAttribute('data-find-label');
    if (!label) return;
    var find = document.createElement('input');
    find.type = 'search';
    find.id = select.id + '-find';
    find.className = 'zone-find';
    find.setAttribute('aria-controls', select.id);
    var findLabel = document.createElement('label');
    findLabel.htmlFor = find.id;
    findLabel.textContent = label;
    select.parentNode.insertBefore(findLabel, select);
    select.parentNode.insertBefore(find, select);
    // One city left is the one meant: it is chosen. Regions with nothing left are hidden.
    find.addEventListener('input', function () {
      var wanted = find.value.trim().toLowerCase();
      var found = options.filter(function (o) {
        var text = (o.textContent + ' ' + o.value + ' ' + (o.dataset.aliases || '')).toLowerCase();
        return wanted === '' || text.indexOf(wanted) >= 0;
      });
      if (wanted !== '' && found.length === 1) select.value = found[0].value;
      options.forEach(function (o) { o.hidden = found.indexOf(o) < 0 && !o.selected; });
      Array.prototype.forEach.call(select.querySelectorAll('optgroup'), function (group) {
        group.hidden = Array.prototype.every.call(group.children, function (o) { return o.hidden; });
      });
    });
  });

  // The installed app: a service worker that keeps only the static shell and an offline page
  // (served from the root, so its scope is the whole site).
  var worker = null;
  if ('serviceWorker' in navigator) {
    worker = navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function () { return null; });
  }

  // Notifications on this device (Settings → Reminders). The section's words come from the
  // page; without a service worker or the Push API, the buttons stay hidden.
  var pushSection = document.querySelector('[data-push-key]');
  if (pushSection) setUpPush(pushSection);

  function setUpPush(section) {
    var controls = section.querySelector('[data-push-controls]');
    var on = section.querySelector('[data-push-on]');
    var off = section.querySelector('[data-push-off]');
    var status = section.querySelector('[data-push-status]');
    function say(key) { status.textContent = section.getAttribute('data-push-' + key) || ''; }
    if (!worker || !('PushManager' in window) || !('Notification' in window)) {
      say('unsupported');
      return;
    }
    function show(subscribed) {
      controls.hidden = false;
      on.hidden = subscribed;
      off.hidden = !subscribed;
    }
    function post(path, body) {
      return fetch(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body)
      }).then(function (response) {
        if (!response.ok) throw new Error('refused');
      });
    }
    function key() {
      var text = section.getAttribute('data-push-key').replace(/-/g, '+').replace(/_/g, '/');
      var raw = atob(text + '==='.slice((text.length + 3) % 4));
      return Uint8Array.from(raw, function (c) { return c.charCodeAt(0); });
    }
    navigator.serviceWorker.ready.then(function (registration) {
      // Subscribed in an earlier session (logged out since): off for the server, so offered
      // again; turning it on posts the same subscription.
      var known = section.hasAttribute('data-push-here');
      registration.pushManager.getSubscription().then(function (s) { show(!!s && known); });
      on.addEventListener('click', function () {
        Notification.requestPermission().then(function (permission) {
          if (permission !== 'granted') { say('denied'); return; }
          return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key() })
            .then(function (s) { return post('/push/subscriptions', s.toJSON()); })
            .then(function () { window.location.assign('/settings/reminders#devices-heading'); });
        }).catch(function () { say('failed'); });
      });
      off.addEventListener('click', function () {
        registration.pushManager.getSubscription().then(function (s) {
          if (!s) { show(false); return; }
          return post('/push/subscriptions/forget', { endpoint: s.endpoint })
            .then(function () { return s.unsubscribe(); })
            .then(function () { window.location.assign('/settings/reminders#devices-heading'); });
        }).catch(function () { say('failed'); });
      });
    });
  }
})();
