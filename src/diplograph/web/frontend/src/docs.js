// The /docs page: Swagger UI from npm (swagger-ui-dist), bundled here and served by the app
// itself, so the page needs no CDN and runs under the pages' CSP (script-src 'self').
import SwaggerUIBundle from "swagger-ui-dist/swagger-ui-bundle.js";

function start() {
  const container = document.getElementById("swagger-ui");
  if (!container) return;
  SwaggerUIBundle({
    url: container.getAttribute("data-openapi") || "/openapi.json",
    domNode: container,
    deepLinking: false, // a path as a link inside its row's button nests two controls
    tryItOutEnabled: true,
    supportedSubmitMethods: ["get", "head"],
    validatorUrl: null,
    onComplete: () => container.setAttribute("data-state", "ready"),
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
