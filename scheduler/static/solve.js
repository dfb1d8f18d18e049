// Poll a running solve's progress every 1.5 s and update the page; reload once it ends.
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box || box.dataset.done === "1") { return; }
  function show(name, value) {
    var cell = box.querySelector('[data-field="' + name + '"]');
    if (cell && value !== null && value !== undefined) { cell.textContent = value; }
  }
  function poll() {
    fetch(box.dataset.url, {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (p) {
        if (p.done) { window.location.reload(); return; }
        show("elapsed", p.elapsed);
        show("objective", p.objective);
        show("bound", p.bound);
        if (p.served !== null && p.served !== undefined) { show("served_text", p.served + " / " + p.requests); }
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
}());
