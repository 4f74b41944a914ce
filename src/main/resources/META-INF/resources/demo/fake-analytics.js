// Stand-in for an analytics tag (e.g. Microsoft Clarity) on the demo pages: it sets a cookie like
// Clarity's _clck and marks the page, so you can see that it only runs after consent.
(function () {
  window.demoAnalyticsRuns = (window.demoAnalyticsRuns || 0) + 1;
  document.cookie = "_clck=demo|1; path=/; max-age=31536000; SameSite=Lax";
  var status = document.getElementById("analytics-status");
  if (status) {
    status.textContent = "Analytics: running (started " + window.demoAnalyticsRuns + "×)";
    status.className = "status on";
  }
})();
