// Bundles src/main.js and the d3 modules it imports into ../static/dist/app.js:
// one minified IIFE, no network access at run time (the pages' CSP is script-src 'self').
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

await build({
  entryPoints: [here("./src/main.js")],
  outfile: here("../static/dist/app.js"),
  bundle: true,
  format: "iife",
  minify: true,
  target: ["es2019"],
  legalComments: "eof",
  logLevel: "info",
});
