// Stand-in for a service's tag on the demo pages (the page gates one per optional service of the site, with
// data-demo-service naming it): it marks the service as running; Clarity's stand-in also sets a _clck cookie.
(function () {
  var script = document.currentScript;
  var id = script && script.getAttribute("data-demo-service") || "analytics";
  var runs = window.demoServiceRuns = window.demoServiceRuns || {};
  runs[id] = (runs[id] || 0) + 1;
  if (id === "clarity") document.cookie = "_clck=demo|1; path=/; max-age=31536000; SameSite=Lax";
  var item = document.getElementById("svc-" + id);
  if (item) {
    item.lastElementChild.textContent = (document.documentElement.lang === "de" ? "läuft" : "running");
    item.className = "status on";
  }
})();
