#!/usr/bin/env node
// Builds Element Web from the npm package matrix-react-sdk into ./dist with
// esbuild (JavaScript) and postcss (themes). See README.md for the quirks.
//
//   node build.mjs            build unless dist/ is up to date
//   node build.mjs --force    always build
//
// Installs node_modules with `npm ci` first when they are missing or were
// installed from a different package-lock.json.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.join(ROOT, "src");
const DIST = path.join(ROOT, "dist");
const NODE_MODULES = path.join(ROOT, "node_modules");
const STAMP = path.join(DIST, ".build-stamp");
const LOCK = path.join(ROOT, "package-lock.json");

const argv = process.argv.slice(2);
const FORCE = argv.includes("--force");

// ---------------------------------------------------------------- up-to-date check

function listFiles(dir) {
    const out = [];
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, ent.name);
        if (ent.isDirectory()) out.push(...listFiles(p));
        else if (ent.isFile()) out.push(p);
    }
    return out;
}

/** Hash of everything the build output depends on (the lockfile pins node_modules). */
function inputsHash() {
    const h = createHash("sha256");
    const files = [LOCK, path.join(ROOT, "package.json"), fileURLToPath(import.meta.url), ...listFiles(SRC)];
    const buildSh = path.join(ROOT, "build.sh");
    if (fs.existsSync(buildSh)) files.push(buildSh);
    for (const f of files.sort()) {
        h.update(path.relative(ROOT, f) + "\0");
        h.update(fs.readFileSync(f));
        h.update("\0");
    }
    return h.digest("hex");
}

const HASH = inputsHash();
const upToDate =
    fs.existsSync(STAMP) &&
    fs.readFileSync(STAMP, "utf8").trim() === HASH &&
    ["index.html", "bundle.js", "config.json"].every((f) => fs.existsSync(path.join(DIST, f)));
if (!FORCE && upToDate) {
    console.log("element: up to date");
    process.exit(0);
}

// ---------------------------------------------------------------- npm ci when needed

/**
 * Whether node_modules holds exactly what package-lock.json pins, judged by the
 * hidden lockfile npm writes on install (node_modules/.package-lock.json).
 */
function installMatchesLock() {
    const hidden = path.join(NODE_MODULES, ".package-lock.json");
    if (!fs.existsSync(hidden)) return false;
    const want = JSON.parse(fs.readFileSync(LOCK, "utf8")).packages ?? {};
    const have = JSON.parse(fs.readFileSync(hidden, "utf8")).packages ?? {};
    for (const [key, meta] of Object.entries(want)) {
        if (key === "" || meta.link) continue;
        const got = have[key];
        if (!got) {
            if (meta.optional) continue; // e.g. esbuild binaries for other platforms
            return false;
        }
        if (got.version !== meta.version) return false;
    }
    return true;
}

if (!installMatchesLock()) {
    console.log("element: node_modules missing or not matching package-lock.json, running npm ci");
    const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: "inherit" });
    if (r.status !== 0) {
        console.error("element: npm ci failed");
        process.exit(1);
    }
}

// Only now load the build tools (a no-op run above never touches node_modules).
const esbuild = await import("esbuild");
const { default: postcss } = await import("postcss");
const { default: postcssScss } = await import("postcss-scss");
const { default: postcssImport } = await import("postcss-import");
const { default: postcssMixins } = await import("postcss-mixins");
const { default: postcssSimpleVars } = await import("postcss-simple-vars");
const { default: postcssNested } = await import("postcss-nested");
const { default: postcssEasings } = await import("postcss-easings");
const { default: postcssHexRgba } = await import("postcss-hexrgba");

const SDK = path.join(NODE_MODULES, "matrix-react-sdk");
const SDK_LIB = path.join(SDK, "lib");
const SDK_SRC = path.join(SDK, "src");
const SDK_RES = path.join(SDK, "res");
const JS_SDK_LIB = path.join(NODE_MODULES, "matrix-js-sdk", "lib");
const SDK_VERSION = JSON.parse(fs.readFileSync(path.join(SDK, "package.json"), "utf8")).version;

/**
 * Themes to build: each gets dist/themes/<name>.css and a <link data-mx-theme> in index.html.
 * The SDK's built-in ones; add "light-custom"/"dark-custom" for config custom_themes (~1.5 s each).
 */
const THEMES = ["light", "dark", "light-high-contrast"];

const started = Date.now();
fs.rmSync(DIST, { recursive: true, force: true });
fs.mkdirSync(DIST, { recursive: true });

// ---------------------------------------------------------------- static assets

const copied = new Set();

/** Where a source file is published inside dist/ (forward slashes, no leading slash). */
function publicPathFor(file) {
    const rel = (base) => path.relative(base, file).split(path.sep).join("/");
    if (file.startsWith(SDK_RES + path.sep)) return "res/" + rel(SDK_RES);
    if (file.startsWith(NODE_MODULES + path.sep)) return "vendor/" + rel(NODE_MODULES);
    if (file.startsWith(SRC + path.sep)) return "assets/" + rel(SRC);
    throw new Error(`asset outside the project: ${file}`);
}

/** Copy a file into dist/ (once) and return its URL relative to dist/. */
function publishAsset(file) {
    const pub = publicPathFor(file);
    if (!copied.has(pub)) {
        const dest = path.join(DIST, ...pub.split("/"));
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.copyFileSync(file, dest);
        copied.add(pub);
    }
    return pub;
}

function copyTree(from, to) {
    fs.cpSync(from, path.join(DIST, to), { recursive: true });
}

// ---------------------------------------------------------------- esbuild plugins

const ASSET_EXT = /\.(png|jpe?g|gif|webp|ico|woff2?|ttf|otf|eot|wasm|mp3|ogg|mp4|webm)$/;

/** Turn `<svg a="b">...</svg>` into [root attributes, inner markup]. */
function splitSvg(svg) {
    const cleaned = svg
        .replace(/<\?xml[\s\S]*?\?>/g, "")
        .replace(/<!DOCTYPE[\s\S]*?>/gi, "")
        .replace(/<!--[\s\S]*?-->/g, "");
    const open = cleaned.match(/<svg\b([^>]*?)(\/?)>/);
    if (!open) throw new Error("no <svg> root element");
    const attrs = {};
    for (const m of open[1].matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        attrs[m[1]] = m[2] ?? m[3];
    }
    let inner = "";
    if (!open[2]) {
        const start = open.index + open[0].length;
        const end = cleaned.lastIndexOf("</svg>");
        inner = cleaned.slice(start, end).trim();
    }
    return [attrs, inner];
}

const camel = (s) => s.replace(/[-:]([a-z])/g, (_, c) => c.toUpperCase());

/** SVG root attributes as React props, the way svgr would hand them over. */
function svgAttrsToProps(attrs) {
    const props = {};
    for (const [name, value] of Object.entries(attrs)) {
        if (name === "class") props.className = value;
        else if (name === "style") {
            const style = {};
            for (const part of value.split(";")) {
                const i = part.indexOf(":");
                if (i > 0) style[camel(part.slice(0, i).trim())] = part.slice(i + 1).trim();
            }
            props.style = style;
        } else if (name.startsWith("data-") || name.startsWith("aria-")) props[name] = value;
        else props[camel(name)] = value;
    }
    // svgo's removeDimensions: size comes from CSS, keep/derive the viewBox.
    if (!props.viewBox && props.width && props.height) {
        props.viewBox = `0 0 ${parseFloat(props.width)} ${parseFloat(props.height)}`;
    }
    if (props.viewBox) {
        delete props.width;
        delete props.height;
    }
    return props;
}

function resolveExisting(candidates) {
    return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
}

/** A path in the SDK's TypeScript sources -> the compiled file in lib/. */
function libFileFor(p) {
    const noExt = p.replace(/\.(tsx?|jsx?)$/, "");
    return resolveExisting([noExt + ".js", path.join(noExt, "index.js"), p]);
}

/** Worker/worklet scripts the app loads by URL: source file -> URL in dist/. Each is built separately. */
const workerEntries = new Map();

function workerUrl(file) {
    const url = "workers/" + path.basename(file);
    workerEntries.set(file, url);
    return url;
}

function sdkPlugin() {
    return {
        name: "matrix-react-sdk-lib",
        setup(build) {
            // `$webapp/i18n/languages.json` is a webpack alias in Element Web; the SDK only
            // wants the URL of languages.json, which we publish in dist/i18n/.
            build.onResolve({ filter: /^\$webapp\/i18n\/languages\.json$/ }, () => ({
                path: "languages-url",
                namespace: "harness-virtual",
            }));
            build.onLoad({ filter: /^languages-url$/, namespace: "harness-virtual" }, () => ({
                contents: `export default "i18n/languages.json";`,
                loader: "js",
            }));

            // matrix-js-sdk/src/* (TypeScript sources) -> matrix-js-sdk/lib/* (compiled).
            build.onResolve({ filter: /^matrix-js-sdk\/src(\/|$)/ }, (args) => {
                const rest = args.path.slice("matrix-js-sdk/src".length);
                const file = libFileFor(path.join(JS_SDK_LIB, rest));
                if (!file) return { errors: [{ text: `cannot map ${args.path} to matrix-js-sdk/lib` }] };
                return { path: file };
            });

            // The SDK's lib/ has relative requires ending in .ts/.tsx, and a few into
            // ../src (which would pull a second, uncompiled copy of the SDK). Point
            // them all at the compiled .js in lib/.
            build.onResolve({ filter: /^\.\.?\// }, (args) => {
                if (!args.importer.startsWith(NODE_MODULES + path.sep)) return undefined;
                let target = path.resolve(args.resolveDir, args.path);
                const intoSdkSrc = target.startsWith(SDK_SRC + path.sep);
                if (!intoSdkSrc && !/\.tsx?$/.test(target)) return undefined;
                if (intoSdkSrc) target = path.join(SDK_LIB, path.relative(SDK_SRC, target));
                const file = libFileFor(target);
                if (!file) return undefined;
                return { path: file };
            });

            // The audio recorder worklet is imported for its URL (worklet-loader in Element Web).
            build.onResolve({ filter: /(^|\/)RecorderWorklet(\.ts)?$/ }, (args) => {
                if (!args.importer.startsWith(SDK_LIB + path.sep)) return undefined;
                const file = libFileFor(path.resolve(args.resolveDir, args.path));
                if (!file) return undefined;
                return { path: workerUrl(file), namespace: "harness-worker-url" };
            });
            build.onLoad({ filter: /.*/, namespace: "harness-worker-url" }, (args) => ({
                contents: `export default ${JSON.stringify(args.path)};`,
                loader: "js",
            }));

            // `!!raw-loader!./file`: the file's text as the default export.
            build.onResolve({ filter: /^!!raw-loader!/ }, (args) => {
                const rel = args.path.slice("!!raw-loader!".length);
                const base = path.resolve(args.resolveDir, rel);
                const candidates = [base, base + ".js", base + ".ts"];
                // Non-JS files (e.g. exportCustomCSS.css) are only shipped in the SDK's src/.
                if (base.startsWith(SDK_LIB + path.sep)) {
                    candidates.push(path.join(SDK_SRC, path.relative(SDK_LIB, base)));
                }
                const file = resolveExisting(candidates);
                if (!file) return { errors: [{ text: `raw-loader target not found: ${rel}` }] };
                return { path: file, namespace: "harness-raw" };
            });
            build.onLoad({ filter: /.*/, namespace: "harness-raw" }, (args) => ({
                contents: `export default ${JSON.stringify(fs.readFileSync(args.path, "utf8"))};`,
                loader: "js",
            }));

            // opus-recorder's workers and wasm are loaded by URL, not bundled.
            build.onResolve({ filter: /^opus-recorder\/dist\// }, (args) => ({
                path: path.join(NODE_MODULES, args.path),
                namespace: "harness-asset",
            }));

            // Workers: `new URL("./x.worker.ts", import.meta.url)` -> URL of a separately
            // built dist/workers/x.worker.js, resolved against the page.
            build.onLoad({ filter: /[\\/]matrix-react-sdk[\\/]lib[\\/].*\.js$/ }, (args) => {
                const source = fs.readFileSync(args.path, "utf8");
                if (!source.includes("import.meta.url")) return undefined;
                const pattern = /new URL\(\s*(["'])(\.{1,2}\/[^"']+)\1\s*,\s*import\.meta\.url\s*\)/g;
                const contents = source
                    .split("\n")
                    .map((line) =>
                        // leave commented-out code alone
                        line.trimStart().startsWith("//")
                            ? line
                            : line.replace(pattern, (match, _q, rel) => {
                                  const file = libFileFor(path.resolve(path.dirname(args.path), rel));
                                  if (!file) throw new Error(`worker source not found: ${rel} (from ${args.path})`);
                                  return `new URL(${JSON.stringify(workerUrl(file))}, document.baseURI)`;
                              }),
                    )
                    .join("\n");
                return { contents, loader: "js" };
            });
        },
    };
}

function assetPlugin() {
    return {
        name: "harness-assets",
        setup(build) {
            // Resolve a path the normal way (packages included), skipping our own hooks.
            const resolveFile = async (args) => {
                const local = path.resolve(args.resolveDir, args.path);
                if (/^\.\.?\//.test(args.path) || path.isAbsolute(args.path)) {
                    return fs.existsSync(local) ? { path: local } : { errors: [{ text: `not found: ${args.path}` }] };
                }
                const r = await build.resolve(args.path, {
                    kind: args.kind,
                    resolveDir: args.resolveDir,
                    pluginData: { harnessProbe: true },
                });
                return r.errors.length ? { errors: r.errors } : { path: r.path };
            };

            // Fonts, images, sounds, wasm: copied into dist/, the module's value is the URL
            // (as webpack's file-loader with esModule: false gives it: a plain string).
            build.onResolve({ filter: ASSET_EXT }, async (args) => {
                if (args.pluginData?.harnessProbe) return undefined;
                const r = await resolveFile(args);
                return r.errors ? r : { path: r.path, namespace: "harness-asset" };
            });
            build.onLoad({ filter: /.*/, namespace: "harness-asset" }, (args) => ({
                contents: `module.exports = ${JSON.stringify(publishAsset(args.path))};`,
                loader: "js",
            }));

            // SVGs imported from JS, the svgr way: default export = URL of the file,
            // named export `Icon` = a React component drawing it inline.
            build.onResolve({ filter: /\.svg$/ }, async (args) => {
                if (args.pluginData?.harnessProbe) return undefined;
                const r = await resolveFile(args);
                return r.errors ? r : { path: r.path, namespace: "harness-svg" };
            });
            build.onLoad({ filter: /.*/, namespace: "harness-svg" }, (args) => {
                const url = publishAsset(args.path);
                const [attrs, inner] = splitSvg(fs.readFileSync(args.path, "utf8"));
                const props = { ...svgAttrsToProps(attrs), role: "presentation", "aria-hidden": true };
                const contents = `
import * as React from "react";
const url = ${JSON.stringify(url)};
export default url;
const svgProps = ${JSON.stringify(props)};
const markup = { __html: ${JSON.stringify(inner)} };
export function Icon(props) {
    return React.createElement("svg", Object.assign({}, svgProps, props, { dangerouslySetInnerHTML: markup }));
}
`;
                return { contents, loader: "js", resolveDir: ROOT };
            });
        },
    };
}

/**
 * The crypto library (matrix-sdk-crypto-wasm 9) ships its WebAssembly as a 9 MB base64 string in a
 * JS module and compiles it from bytes at every start. Here the bytes are published as a .wasm
 * file and fetched with WebAssembly.instantiateStreaming instead, as later versions of the library
 * do: the bundle is a third smaller, and Chromium keeps the compiled module in its code cache, so a
 * warm start does not compile it again. The library's synchronous path (only used if an app skips
 * initAsync, which matrix-js-sdk never does) gets the same bytes by a synchronous request.
 */
const CRYPTO_WASM_PKG = /[\\/]@matrix-org[\\/]matrix-sdk-crypto-wasm[\\/]pkg[\\/]index\.js$/;
const CRYPTO_WASM_REQUIRE = 'require("./matrix_sdk_crypto_wasm_bg.wasm.js")';

function cryptoWasmPlugin() {
    return {
        name: "harness-crypto-wasm",
        setup(build) {
            build.onLoad({ filter: CRYPTO_WASM_PKG }, (args) => {
                const source = fs.readFileSync(args.path, "utf8");
                const b64File = path.join(path.dirname(args.path), "matrix_sdk_crypto_wasm_bg.wasm.js");
                const b64 = /`([^`]*)`/.exec(fs.readFileSync(b64File, "utf8"))[1].replace(/\s+/g, "");
                const wasmFile = path.join(DIST, "vendor", "@matrix-org", "matrix-sdk-crypto-wasm", "crypto.wasm");
                fs.mkdirSync(path.dirname(wasmFile), { recursive: true });
                fs.writeFileSync(wasmFile, Buffer.from(b64, "base64"));
                const url = JSON.stringify(path.relative(DIST, wasmFile).split(path.sep).join("/"));
                const asyncLoad = `.then(() => ${CRYPTO_WASM_REQUIRE})
            .then((b64) => WebAssembly.instantiate(unbase64(b64), imports))`;
                const syncLoad = `unbase64(${CRYPTO_WASM_REQUIRE})`;
                if (!source.includes(asyncLoad) || !source.includes(syncLoad)) {
                    throw new Error(`${args.path}: the WebAssembly loader is not where this build expects it`);
                }
                const streamed = `.then(() => __harnessWasmResponse(${url}))
            .then((response) => WebAssembly.instantiateStreaming(response, imports)
                .catch(() => __harnessWasmResponse(${url}).then((r) => r.arrayBuffer())
                    .then((bytes) => WebAssembly.instantiate(bytes, imports))))`;
                const helpers = `
function __harnessWasmResponse(url) {
    return fetch(new URL(url, document.baseURI)).then((r) => {
        if (!r.ok) throw new Error("crypto WebAssembly: " + r.status + " for " + r.url);
        return r;
    });
}
function __harnessWasmBytesSync(url) {
    const xhr = new XMLHttpRequest();
    xhr.open("GET", new URL(url, document.baseURI).href, false);
    xhr.overrideMimeType("text/plain; charset=x-user-defined");
    xhr.send();
    const text = xhr.responseText, bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
    return bytes;
}
`;
                const contents = source.replace(asyncLoad, streamed)
                    .replace(syncLoad, `__harnessWasmBytesSync(${url})`) + helpers;
                return { contents, loader: "js" };
            });
        },
    };
}

const commonOptions = {
    bundle: true,
    platform: "browser",
    target: ["chrome110", "firefox115", "safari16"],
    minifyWhitespace: true,
    minifySyntax: true,
    // identifiers stay readable: stack traces in test logs are worth more than bytes
    minifyIdentifiers: false,
    legalComments: "none",
    logLevel: "warning",
    define: {
        "process.env.NODE_ENV": '"production"',
        global: "globalThis",
        __ELEMENT_APP_VERSION__: JSON.stringify(`matrix-react-sdk ${SDK_VERSION} (harness build)`),
    },
    inject: [path.join(SRC, "shims.js")],
    plugins: [sdkPlugin(), assetPlugin(), cryptoWasmPlugin()],
};

// ---------------------------------------------------------------- themes

/** postcss plugin: rewrite url()s to files copied into dist/, relative to the CSS file. */
function urlRewriter(rootFile, cssOutDir) {
    const rootDir = path.dirname(rootFile);
    return {
        postcssPlugin: "harness-url-rewriter",
        // Once + walk: a Declaration visitor would be re-run on the values it rewrote.
        Once(root) {
            root.walkDecls((decl) => rewrite(decl));
        },
    };
    function rewrite(decl) {
            if (!decl.value.includes("url(")) return;
            decl.value = decl.value.replace(/url\(\s*(["']?)([^"')]*)\1\s*\)/g, (match, quote, url) => {
                if (!url || /^(data:|https?:|\/\/|#|about:)/i.test(url)) return match;
                const m = url.match(/^([^?#]*)(.*)$/);
                const bare = m[1];
                const suffix = m[2];
                const ownDir = decl.source?.input?.file ? path.dirname(decl.source.input.file) : rootDir;
                const candidates = [path.resolve(rootDir, bare), path.resolve(ownDir, bare)];
                if (!bare.startsWith(".") && !bare.startsWith("/")) {
                    candidates.push(path.join(NODE_MODULES, bare), path.join(SDK, "node_modules", bare));
                }
                const file = resolveExisting(candidates);
                if (!file) {
                    throw decl.error(`url() target not found: ${url}`, { word: url });
                }
                const pub = publishAsset(file);
                const relUrl = path.posix.relative(cssOutDir, pub);
                return `url(${JSON.stringify(relUrl + suffix)})`;
            });
    }
}

async function buildTheme(name) {
    const rootFile = path.join(SDK_RES, "themes", name, "css", `${name}.pcss`);
    const outRel = `themes/${name}.css`;
    const input = fs.readFileSync(rootFile, "utf8");
    const processor = postcss([
        postcssImport(),
        postcssMixins(),
        postcssSimpleVars(),
        postcssNested(),
        postcssEasings(),
        postcssHexRgba(),
    ]);
    const first = await processor.process(input, { from: rootFile, parser: postcssScss });
    const second = await postcss([urlRewriter(rootFile, path.posix.dirname(outRel))]).process(first.root, {
        from: rootFile,
    });
    for (const w of [...first.warnings(), ...second.warnings()]) {
        console.warn(`theme ${name}: ${w.toString()}`);
    }
    const dest = path.join(DIST, outRel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, second.css);
    return outRel;
}

// ---------------------------------------------------------------- build

const timings = {};
const timed = (name, promise) => {
    const t = Date.now();
    return promise.then((v) => {
        timings[name] = (Date.now() - t) / 1000;
        return v;
    });
};

const mainBuild = timed("js", esbuild.build({
    ...commonOptions,
    entryPoints: { bundle: path.join(SRC, "index.js") },
    outdir: DIST,
    format: "iife",
    // V8's explicit compile hint (Chromium 136+; a plain comment elsewhere): compile every
    // function of the bundle up front, so the code cache written after a load holds all of the
    // app, not only what ran first. A warm start then compiles next to nothing: in an A/B of
    // warm boots here, 0.3-0.45 s less from page load to the user menu.
    banner: { js: "//# allFunctionsCalledOnLoad" },
    metafile: false,
}));

// Concurrently: postcss-import spends most of its time waiting on file I/O.
const themeBuild = timed(
    "themes",
    Promise.all(THEMES.map(async (name) => [name, await buildTheme(name)])),
);
// Wait for both before reporting, so a failure in one doesn't leave esbuild hanging.
const [mainResult, themeResult] = await Promise.allSettled([mainBuild, themeBuild]);
for (const r of [mainResult, themeResult]) {
    if (r.status === "rejected") {
        console.error(r.reason?.message ?? r.reason);
        console.error("element: build FAILED");
        process.exit(1);
    }
}
const themeFiles = themeResult.value;

// Worker entries were discovered while bundling the app; each is its own bundle.
await Promise.all(
    [...workerEntries].map(([file, url]) =>
        esbuild.build({
            ...commonOptions,
            entryPoints: [file],
            outfile: path.join(DIST, ...url.split("/")),
            format: "iife",
        }),
    ),
);

// i18n: only English is shipped.
fs.mkdirSync(path.join(DIST, "i18n"), { recursive: true });
fs.writeFileSync(path.join(DIST, "i18n", "languages.json"), JSON.stringify({ en: "en_EN.json" }, null, 4) + "\n");
fs.copyFileSync(path.join(SDK_SRC, "i18n", "strings", "en_EN.json"), path.join(DIST, "i18n", "en_EN.json"));

// Files the SDK fetches by fixed relative URLs.
copyTree(path.join(SDK_RES, "media"), "media");
fs.mkdirSync(path.join(DIST, "themes", "element", "img", "logos"), { recursive: true });
fs.copyFileSync(
    path.join(SDK_RES, "img", "element-desktop-logo.svg"),
    path.join(DIST, "themes", "element", "img", "logos", "element-logo.svg"),
);
fs.copyFileSync(path.join(SRC, "welcome.html"), path.join(DIST, "welcome.html"));
// Placeholder: the harness serves its own config.json at the same URL.
fs.copyFileSync(path.join(SRC, "config.json"), path.join(DIST, "config.json"));

const themeLinks = themeFiles
    .map(([name, rel]) => `    <link rel="stylesheet" data-mx-theme="${name}" disabled href="${rel}">`)
    .join("\n");
const html = fs
    .readFileSync(path.join(SRC, "index.html"), "utf8")
    .replace("<!--@THEME_LINKS@-->", themeLinks)
    .replace("@BUNDLE@", "bundle.js");
fs.writeFileSync(path.join(DIST, "index.html"), html);
// Like Element Web, say what this build is at ./version (the harness reports it).
fs.writeFileSync(path.join(DIST, "version"), `matrix-react-sdk ${SDK_VERSION} (harness build)\n`);

fs.writeFileSync(STAMP, HASH + "\n");
const phases = Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(", ");
console.log(`element: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s (${phases})`);
