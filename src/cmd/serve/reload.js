// baophu serve: reloads the page when the site has been rebuilt (after a good or a failed build).
(function () {
  var me = document.currentScript;
  var version = me ? me.getAttribute("data-version") : "0";
  function wait() {
    fetch("/__baophu/wait?v=" + version, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (String(s.version) !== version) {
          location.reload();
        } else {
          wait();
        }
      })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
