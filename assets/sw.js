// Tandem's service worker: the installed app's shell, and notifications.
//
// It keeps ONLY the static shell (this release's versioned assets) and the offline page.
// Member pages carry private words and are sent `Cache-Control: no-store`: they are never put
// in a cache here, so a shared device's storage never holds them. Pages go to the network
// first; only when it fails is the offline page shown instead.
'use strict';

// The release's asset version, filled in by the server when it serves this file.
const VERSION = '{{VERSION}}';
const SHELL_CACHE = 'tandem-shell-' + VERSION;
const SHELL = [
  '/assets/' + VERSION + '/style.css',
  '/assets/' + VERSION + '/app.js',
  '/assets/' + VERSION + '/icon.svg',
  '/assets/' + VERSION + '/icon-192.png',
  '/assets/' + VERSION + '/icon-512.png',
  '/assets/' + VERSION + '/icon-maskable-512.png',
  '/assets/' + VERSION + '/manifest.webmanifest',
  '/offline'
];

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE)
      // The offline page is public; it is fetched without cookies all the same.
      .then(function (cache) {
        return cache.addAll(SHELL.map(function (path) {
          return new Request(path, { credentials: 'omit' });
        }));
      })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener('activate', function (event) {
  // Shells of earlier releases go.
  event.waitUntil(
    caches.keys()
      .then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf('tandem-shell-') === 0 && name !== SHELL_CACHE;
        }).map(function (name) { return caches.delete(name); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Network first, never stored; the offline page only when the network fails.
    event.respondWith(fetch(request).catch(function () {
      return caches.match('/offline', { cacheName: SHELL_CACHE });
    }));
    return;
  }
  if (SHELL.indexOf(url.pathname) >= 0) {
    event.respondWith(caches.match(url.pathname, { cacheName: SHELL_CACHE }).then(function (kept) {
      return kept || fetch(request);
    }));
  }
  // Anything else (photos, feeds, pages fetched by script) goes to the network as usual.
});

// A push: its message is JSON with a title, a line and a link into the app; it holds only
// words of the message catalogue, never what a member wrote.
self.addEventListener('push', function (event) {
  var message = {};
  try { message = event.data ? event.data.json() : {}; } catch (e) { message = {}; }
  if (!message.title) return;
  event.waitUntil(self.registration.showNotification(message.title, {
    body: message.body || '',
    icon: '/assets/' + VERSION + '/icon-192.png',
    tag: 'tandem',
    data: { link: message.link || '/' }
  }));
});

// A tap on the notification: to a window already showing the app if there is one, else a
// new one. Only links into this site are followed.
self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var target = new URL((event.notification.data && event.notification.data.link) || '/', self.location.origin);
  if (target.origin !== self.location.origin) target = new URL('/', self.location.origin);
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
      var open = windows.filter(function (w) {
        return new URL(w.url).origin === self.location.origin;
      })[0];
      if (!open) return self.clients.openWindow(target.href);
      return open.focus().then(function (focused) {
        // Only a window this worker controls can be sent elsewhere; another just comes forward.
        return focused.navigate(target.href).catch(function () { return focused; });
      });
    })
  );
});
