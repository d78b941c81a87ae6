// Timeline filters: year, country and type; the state lives in the address (?year=&country=&kind=)
// so that a filtered view can be shared. Without JavaScript the form stays hidden and every event
// is listed in order. An inline script right after the form shows it before the list is painted,
// so revealing it does not shift the page (Lighthouse CLS); setUp shows it again if that did not run.
(function () {
  "use strict";
  function setUp() {
    var form = document.getElementById("timeline-filters");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var events = Array.prototype.slice.call(document.querySelectorAll(".dossier-event"));
    var count = document.getElementById("timeline-count");
    var fields = ["year", "country", "kind"];

    function apply(updateAddress) {
      var wanted = {};
      fields.forEach(function (name) { wanted[name] = form.elements[name].value; });
      var shown = 0;
      events.forEach(function (event) {
        var match = (!wanted.year || event.dataset.year === wanted.year) &&
          (!wanted.country || event.dataset.countries.split(" ").indexOf(wanted.country) !== -1) &&
          (!wanted.kind || event.dataset.kind === wanted.kind);
        event.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = String(shown);
      if (updateAddress) {
        var params = new URLSearchParams(window.location.search);
        fields.forEach(function (name) {
          if (wanted[name]) params.set(name, wanted[name]); else params.delete(name);
        });
        var query = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (name) {
      var value = params.get(name);
      var select = form.elements[name];
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });
    form.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply(false);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp); else setUp();
})();
