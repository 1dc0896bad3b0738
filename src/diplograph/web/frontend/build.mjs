// Bundles src/main.js and the d3 modules it imports into ../static/dist/app.js, and the API
// docs page (src/docs.js with Swagger UI from swagger-ui-dist) into ../static/dist/docs.js
// with its stylesheet: minified IIFEs, no network access at run time (the pages' CSP is
// script-src 'self'; style-src 'self').
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const common = {
  bundle: true,
  format: "iife",
  minify: true,
  target: ["es2019"],
  legalComments: "eof",
  logLevel: "info",
};

await build({
  ...common,
  entryPoints: [here("./src/main.js")],
  outfile: here("../static/dist/app.js"),
});
await build({
  ...common,
  entryPoints: [here("./src/docs.js")],
  outfile: here("../static/dist/docs.js"),
});
await mkdir(here("../static/dist"), { recursive: true });
await copyFile(
  here("./node_modules/swagger-ui-dist/swagger-ui.css"),
  here("../static/dist/swagger-ui.css"),
);
