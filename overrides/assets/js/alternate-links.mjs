// Keeps the page's hreflang links (partials/hreflang.html) out of sight of Material's script.
// On DOMContentLoaded Material (integrations/alternate in its bundle) fetches a sitemap.xml
// beside every <link rel="alternate"> in the document, to steer language links itself. These
// name this page's counterparts by absolute address, for search engines: the fetch would go to a
// page folder that holds no sitemap, or to another host when the site is served from an address
// other than the one it was built for (which the CSP refuses). The language menu needs none of
// it: it links the counterparts itself (partials/alternate.html).
// So the links leave the document while that event is dispatched and come back in the next
// task: a capturing listener on window runs before every listener on the document, Material's
// included, also when site.mjs dispatches the event again for Material's late start on a form
// page. Material looks for them only then; without scripts the links simply stay.

const links = [...document.head.querySelectorAll('link[rel="alternate"][hreflang]')];
if (links.length) {
  const place = document.createComment("hreflang");
  links[0].before(place);
  window.addEventListener("DOMContentLoaded", () => {
    for (const link of links) link.remove();
    setTimeout(() => place.after(...links.filter((link) => !link.isConnected)));
  }, { capture: true });
}
