// Keeps the page's hreflang links (partials/hreflang.html) out of sight of Material's script.
// On DOMContentLoaded Material (integrations/alternate in its bundle) fetches a sitemap.xml
// beside every <link rel="alternate"> in the document, to steer language links itself. These
// name this page's counterparts by absolute address, for search engines: the fetch would go to a
// page folder that holds no sitemap, or to another host when the site is served from an address
// other than the one it was built for (which the CSP refuses). The language menu needs none of
// it: it links the counterparts itself (partials/alternate.html).
// So the links leave the document while that event is dispatched: a capturing listener on
// window runs before every listener on the document, Material's included (it reads the links
// synchronously when the event reaches it), and a bubbling listener on window, after all of
// them, puts the links back in the same dispatch, so that nothing else ever sees them missing.
// site.mjs dispatches the event again, bubbling like the browser's own, for Material's late
// start on a form page. Without scripts the links simply stay.

const links = [...document.head.querySelectorAll('link[rel="alternate"][hreflang]')];
if (links.length) {
  const place = document.createComment("hreflang");
  links[0].before(place);
  const restore = () => place.after(...links.filter((link) => !link.isConnected));
  window.addEventListener("DOMContentLoaded", (event) => {
    for (const link of links) link.remove();
    // An event that does not bubble never reaches the listener below.
    if (!event.bubbles) setTimeout(restore);
  }, { capture: true });
  window.addEventListener("DOMContentLoaded", restore);
}
