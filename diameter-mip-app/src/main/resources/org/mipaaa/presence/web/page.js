// Follows the page's server-sent events (GET /events) and updates each terminal in place: no reload.
(function () {
  'use strict';
  var connection = document.getElementById('connection');

  function entryOf(nai) {
    var entries = document.querySelectorAll('li.terminal');
    for (var i = 0; i < entries.length; i++) {
      if (entries[i].dataset.nai === nai) {
        return entries[i];
      }
    }
    return null;
  }

  function show(p) {
    var entry = entryOf(p.nai);
    if (!entry) {
      return;
    }
    entry.dataset.state = p.state;
    entry.dataset.look = p.look;
    entry.dataset.busy = String(p.busy);
    entry.dataset.sequence = String(p.sequence);
    var icon = entry.querySelector('img.icon');
    icon.src = '/icons/' + encodeURIComponent(p.look) + '.svg';
    icon.alt = p.label;
    entry.querySelector('.state').textContent = p.text;
  }

  var events = new EventSource('/events');
  events.addEventListener('presence', function (e) {
    show(JSON.parse(e.data));
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
