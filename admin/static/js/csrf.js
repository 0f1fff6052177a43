/*
 * Sends the session's CSRF token with every state-changing request the panel makes: a header on
 * XMLHttpRequest and fetch calls (AdminJS's API client), a hidden field on posted forms (sign-in,
 * language switch). `nawafethLogout()` signs out with a POST. Loaded before AdminJS's bundles.
 */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var token = meta && meta.getAttribute("content");
  if (!token) return;
  var SAFE = /^(GET|HEAD|OPTIONS)$/i;
  var sameOrigin = function (url) {
    try {
      return new URL(url, window.location.href).origin === window.location.origin;
    } catch (e) {
      return false;
    }
  };

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__nawafethCsrf = !SAFE.test(String(method)) && sameOrigin(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__nawafethCsrf) this.setRequestHeader("X-CSRF-Token", token);
    return send.apply(this, arguments);
  };

  if (window.fetch) {
    var nativeFetch = window.fetch;
    window.fetch = function (input, init) {
      var method = (init && init.method) || (input && input.method) || "GET";
      var url = typeof input === "string" ? input : input && input.url;
      if (!SAFE.test(method) && sameOrigin(url)) {
        init = Object.assign({}, init);
        var headers = new Headers(init.headers || (input && input.headers) || {});
        headers.set("X-CSRF-Token", token);
        init.headers = headers;
      }
      return nativeFetch.call(this, input, init);
    };
  }

  var addField = function (form) {
    if (String(form.method).toLowerCase() !== "post" || form.querySelector('input[name="_csrf"]')) return;
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = "_csrf";
    input.value = token;
    form.appendChild(input);
  };
  document.addEventListener("submit", function (event) { addField(event.target); }, true);

  var logoutPath = "/admin/logout";
  var postLogout = function () {
    var form = document.createElement("form");
    form.method = "post";
    form.action = logoutPath;
    addField(form);
    document.body.appendChild(form);
    form.submit();
  };
  // The user menu (components/logged-in.tsx) signs out through this POST.
  window.nawafethLogout = postLogout;
})();
