// The coordinator's inbox, live: the console relays the notification service's stream (ids only), and on each new
// notification the page fetches the rendered list again. Without this script the page still works; it just needs a reload.
(function () {
  'use strict';
  var inbox = document.getElementById('inbox');
  var announcer = document.getElementById('inbox-announcer');
  if (!inbox || !window.EventSource) {
    return;
  }
  var refreshing = false;
  var again = false;

  function lastSeq() {
    var items = document.getElementById('inbox-items');
    return items ? items.getAttribute('data-last-seq') : '0';
  }

  function refresh() {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    fetch(inbox.getAttribute('data-items'), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        // A session that ended answers with the sign-in or start page: show that instead.
        if (!response.ok || response.redirected) {
          window.location.reload();
          return null;
        }
        return response.text();
      })
      .then(function (html) {
        if (html === null) {
          return;
        }
        var focusedRow = document.activeElement ? document.activeElement.closest('[data-notification]') : null;
        inbox.innerHTML = html;
        announcer.textContent = announcer.getAttribute('data-new');
        if (focusedRow) {
          var button = inbox.querySelector('[data-notification="' + focusedRow.getAttribute('data-notification') + '"] button');
          if (button) {
            button.focus();
          }
        }
      })
      .catch(function () { /* the next event or a reload tries again */ })
      .finally(function () {
        refreshing = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  // Browser notifications while the inbox is open: asked for once, on the coordinator's click, and as content-free as
  // the e-mail alerts (the browser may show them on a locked screen).
  var offer = document.getElementById('browser-alerts');
  if (offer && 'Notification' in window && Notification.permission === 'default') {
    offer.hidden = false;
    offer.querySelector('button').addEventListener('click', function () {
      Notification.requestPermission().finally(function () {
        offer.hidden = true;
      });
    });
  }

  function alertInBrowser() {
    if ('Notification' in window && Notification.permission === 'granted' && document.hidden) {
      new Notification(announcer.getAttribute('data-alert-title'),
        { body: announcer.getAttribute('data-alert-body'), tag: 'nexus-inbox' });
    }
  }

  var source = new EventSource(inbox.getAttribute('data-stream') + '?after=' + encodeURIComponent(lastSeq()));
  source.addEventListener('notification', function () {
    refresh();
    alertInBrowser();
  });
  source.addEventListener('unavailable', function () {
    source.close();
  });
})();
