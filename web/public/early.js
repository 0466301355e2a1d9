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
  // as web/src/App.tsx: the public pages and the login page ask who is logged in only when the readable
  // cookie the server sets beside the session says someone may be (a logged-out visitor would get a 401)
  var publicPage = /^\/(login|public)(\/|$)/.test(location.pathname);
  var signedIn = document.cookie.split(";").some(function (c) {
    return c.trim() === "luoshi_signed_in=1";
  });
  if (!publicPage || signedIn) start("/api/auth/me");
  if (location.pathname === "/") start("/api/dashboard");
  window.__luoshiEarly = early;
})();
