// Search as you type, insensitive to Vietnamese diacritics and case: "huong hoa" finds
// "Hướng Hóa", "d" finds "đ". Each item carries its folded keys (data-k), made at build time.
// Without this script the search page is the plain list of everything.
(function () {
  "use strict";
  // The region picker goes straight to the chosen region's page; without this script it asks
  // the search page for the region's name.
  var picker = document.getElementById("region-picker");
  if (picker) {
    picker.form.addEventListener("submit", function (event) {
      var option = picker.options[picker.selectedIndex];
      if (option && option.getAttribute("data-url")) {
        event.preventDefault();
        window.location.href = option.getAttribute("data-url");
      }
    });
  }
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list || !status) return;
  var items = Array.prototype.slice.call(list.children);

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }

  function run() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (li) {
      var keys = li.getAttribute("data-k") || "";
      var hit = words.every(function (w) { return keys.indexOf(w) >= 0; });
      li.hidden = !hit;
      if (hit) shown += 1;
    });
    status.textContent = !words.length ? ""
      : shown ? status.getAttribute("data-count").replace("{count}", shown)
      : status.getAttribute("data-none");
  }

  var q = new URLSearchParams(window.location.search).get("q");
  if (q) input.value = q;
  input.addEventListener("input", run);
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
    // Enter goes to the only match.
    var visible = items.filter(function (li) { return !li.hidden; });
    if (visible.length === 1) window.location.href = visible[0].querySelector("a").href;
  });
  run();
})();
