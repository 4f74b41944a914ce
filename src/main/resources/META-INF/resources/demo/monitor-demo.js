// Cookie monitor demo (docs/BANNER.md "Cookie monitor"): what a site that forgot something looks like.
// 1. an undeclared first-party cookie, set at once (before the visitor decides);
// 2. an ungated "third-party" image: the same service under its other loopback name (localhost <-> 127.0.0.1),
//    loaded before any decision as a forgotten tracking pixel would be.
(function () {
  document.cookie = "demo_theme=dark; path=/; max-age=2592000; SameSite=Lax";
  var other = location.hostname === "localhost" ? "127.0.0.1" : "localhost";
  var pixel = new Image(1, 1);
  pixel.src = location.protocol + "//" + other + (location.port ? ":" + location.port : "") + "/demo/pixel.gif";
})();
