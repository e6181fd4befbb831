// Follows the page's server-sent events (GET /events) and updates each terminal in place: no reload.
// A terminal with data-icon-url shows its home agent's own icon instead (docs/PROTOCOL.md §10.4),
// fetched again every data-icon-refresh-ms: that one needs no notification at all.
(function () {
  'use strict';
  var connection = document.getElementById('connection');
  var list = document.getElementById('terminals');

  function entryOf(nai) {
    var entries = document.querySelectorAll('li.terminal');
    for (var i = 0; i < entries.length; i++) {
      if (entries[i].dataset.nai === nai) {
        return entries[i];
      }
    }
    return null;
  }

  function show(entry, look, label, text, iconSrc) {
    entry.dataset.look = look;
    var icon = entry.querySelector('img.icon');
    icon.src = iconSrc;
    icon.alt = label;
    entry.querySelector('.state').textContent = text;
  }

  function fromEvent(p) {
    var entry = entryOf(p.nai);
    if (!entry || entry.dataset.iconUrl) {
      return; // unknown here, or shown from its home agent's icon
    }
    entry.dataset.state = p.state;
    entry.dataset.busy = String(p.busy);
    entry.dataset.sequence = String(p.sequence);
    show(entry, p.look, p.label, p.text, '/icons/' + encodeURIComponent(p.look) + '.svg');
  }

  function fromHomeAgent(entry) {
    var url = entry.dataset.iconUrl;
    fetch(url, { cache: 'no-store', mode: 'cors' }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.text();
    }).then(function (svg) {
      var root = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
      var look = root.getAttribute('data-look');
      var label = root.getAttribute('aria-label');
      if (look && label && look !== entry.dataset.look) {
        show(entry, look, label, label, url + '?look=' + encodeURIComponent(look));
      }
      entry.dataset.iconReachable = 'true';
    }).catch(function () {
      entry.dataset.iconReachable = 'false';
    });
  }

  var fromHomeAgents = document.querySelectorAll('li.terminal[data-icon-url]');
  if (fromHomeAgents.length > 0) {
    var every = Number(list.dataset.iconRefreshMs) || 3000;
    var refresh = function () {
      for (var i = 0; i < fromHomeAgents.length; i++) {
        fromHomeAgent(fromHomeAgents[i]);
      }
    };
    refresh();
    setInterval(refresh, every);
  }

  var events = new EventSource('/events');
  events.addEventListener('presence', function (e) {
    fromEvent(JSON.parse(e.data));
  });
  events.onopen = function () {
    connection.textContent = 'connected';
    connection.dataset.connected = 'true';
  };
  events.onerror = function () {
    connection.textContent = 'reconnecting';
    connection.dataset.connected = 'false';
  };
})();
