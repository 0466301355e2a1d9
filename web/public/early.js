// Starts the requests the first page needs while the app's code is still loading: the login check on every
// page, and on the dashboard (/) its one data request. web/src/api.ts takes each answer once, for the first
// call of the same GET; a plain script so it runs at once (script-src 'self' allows no inline script).
(function () {
  if (typeof fetch !== "function") return;
  var early = {};
  var start = function (path) {
    var p = fetch(path, { method: "GET", credentials: "same-origin", headers: {} });
    p.catch(function () {}); // a failure is seen by the call that takes it
    early[path] = p;
  };
  if (location.pathname.indexOf("/public") !== 0) start("/api/auth/me");
  if (location.pathname === "/") start("/api/dashboard");
  window.__luoshiEarly = early;
})();
