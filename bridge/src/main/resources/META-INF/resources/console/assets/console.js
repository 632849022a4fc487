// Progressive enhancement of the console: the overview refreshes itself every 5 s. Everything works without it.
(function () {
  "use strict";
  var overview = document.getElementById("overview");
  if (!overview || !window.fetch) {
    return;
  }
  function set(scope, field, value) {
    var cell = scope.querySelector('[data-field="' + field + '"]');
    if (cell && value !== null && value !== undefined) {
      cell.textContent = String(value);
    }
  }
  function refresh() {
    fetch(overview.getAttribute("data-poll"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (view) {
        if (!view) {
          return;
        }
        ["generatedAt", "source", "queued"].forEach(function (f) { set(overview, f, view[f]); });
        set(document, "lagAsOf", view.lagAsOf);
        set(document, "routesAsOf", view.routesAsOf);
        view.channels.forEach(function (channel) {
          var row = document.querySelector('tr[data-channel="' + CSS.escape(channel.name) + '"]');
          if (row) {
            Object.keys(channel).forEach(function (f) { set(row, f, channel[f]); });
          }
        });
        view.lag.forEach(function (stage) {
          var row = document.querySelector('tr[data-stage="' + CSS.escape(stage.stage) + '"]');
          if (row) {
            set(row, "lag", stage.lag);
          }
        });
        view.routes.forEach(function (route) {
          var row = document.querySelector('tr[data-route="' + CSS.escape(route.name) + '"]');
          if (row) {
            Object.keys(route.counters).forEach(function (f) { set(row, f, route.counters[f]); });
          }
        });
      })
      .catch(function () { /* the next poll tries again */ });
  }
  window.setInterval(refresh, 5000);
})();
