#!/usr/bin/env node
// Builds Element Web from the npm package matrix-react-sdk into ./dist with
// esbuild (JavaScript) and postcss (themes). See README.md for the quirks.
//
//   node build.mjs            build unless dist/ is up to date
//   node build.mjs --force    always build
//   node build.mjs --version 3.92.0
//                             another matrix-react-sdk release, from versions/3.92.0/ (its own
//                             package.json + package-lock.json) into .cache/element/3.92.0/dist
//                             at the repository's root; prints that path as its last line
//   node build.mjs --version 3.92.0 --dist-path
//                             only print where that release's build goes (no build)
//
// Installs node_modules with `npm ci` first when they are missing or were
// installed from a different package-lock.json. A release of versions/ gets its own
// versions/<v>/node_modules; the build tools and the Node shims always come from ./node_modules
// (the default tree), so it is installed too.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.join(ROOT, "src");

const argv = process.argv.slice(2);
const FORCE = argv.includes("--force");

// ---------------------------------------------------------------- which release

/** The release element/package.json pins; built into ./dist as always. */
const DEFAULT_VERSION = "3.114.0";
const VERSIONS_DIR = path.join(ROOT, "versions");
/** Where the other releases' builds go: <repository>/.cache/element/<version>/dist (git-ignored). */
const CACHE = path.join(ROOT, "..", ".cache", "element");

function versionArg() {
    const i = argv.findIndex((a) => a === "--version" || a.startsWith("--version="));
    if (i < 0) return DEFAULT_VERSION;
    const v = argv[i].includes("=") ? argv[i].slice(argv[i].indexOf("=") + 1) : argv[i + 1];
    if (!v) {
        console.error("element: --version wants a release, e.g. --version 3.92.0");
        process.exit(2);
    }
    return v;
}
const VERSION = versionArg();
const IS_DEFAULT = VERSION === DEFAULT_VERSION;
const byVersion = (a, b) => a.localeCompare(b, "en", { numeric: true });
const available = () =>
    [DEFAULT_VERSION, ...fs.readdirSync(VERSIONS_DIR).filter((d) => fs.existsSync(path.join(VERSIONS_DIR, d, "package-lock.json")))]
        .sort(byVersion);
if (!IS_DEFAULT && !fs.existsSync(path.join(VERSIONS_DIR, VERSION, "package-lock.json"))) {
    console.error(`element: no release ${VERSION} here (have: ${available().join(", ")})`);
    process.exit(2);
}

/** Folder of the package.json/package-lock.json/node_modules the release's code comes from. */
const PKG_ROOT = IS_DEFAULT ? ROOT : path.join(VERSIONS_DIR, VERSION);
const DIST = IS_DEFAULT ? path.join(ROOT, "dist") : path.join(CACHE, VERSION, "dist");
const NODE_MODULES = path.join(PKG_ROOT, "node_modules");
/** The build tools (esbuild, postcss...) and the shims (process, buffer, util): the default tree. */
const TOOLS_MODULES = path.join(ROOT, "node_modules");
const STAMP = path.join(DIST, ".build-stamp");
const LOCK = path.join(PKG_ROOT, "package-lock.json");
/** What the release's package.json says the shell must add (e.g. Olm for legacy crypto). */
const HARNESS = JSON.parse(fs.readFileSync(path.join(PKG_ROOT, "package.json"), "utf8")).harness ?? {};
const say = (msg) => console.log(IS_DEFAULT ? `element: ${msg}` : `element ${VERSION}: ${msg}`);

if (argv.includes("--dist-path")) {
    console.log(DIST);
    process.exit(0);
}

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
    if (!IS_DEFAULT) {
        // the release's own pins, and the default lock that pins the tools and shims
        files.push(path.join(PKG_ROOT, "package.json"), path.join(ROOT, "package-lock.json"));
        const npmrc = path.join(PKG_ROOT, ".npmrc");
        if (fs.existsSync(npmrc)) files.push(npmrc);
    }
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
    say("up to date");
    if (!IS_DEFAULT) console.log(DIST);
    process.exit(0);
}

// ---------------------------------------------------------------- npm ci when needed

/**
 * Whether node_modules holds exactly what package-lock.json pins, judged by the
 * hidden lockfile npm writes on install (node_modules/.package-lock.json).
 */
function installMatchesLock(root = ROOT) {
    const hidden = path.join(root, "node_modules", ".package-lock.json");
    if (!fs.existsSync(hidden)) return false;
    const want = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")).packages ?? {};
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

for (const root of IS_DEFAULT ? [ROOT] : [ROOT, PKG_ROOT]) {
    if (installMatchesLock(root)) continue;
    const where = path.relative(ROOT, path.join(root, "node_modules")).split(path.sep).join("/");
    say(`${where}/ missing or not matching its package-lock.json, running npm ci`);
    // the versions' npm output goes to stderr: their stdout ends with the dist path
    const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], {
        cwd: root,
        stdio: IS_DEFAULT ? "inherit" : ["inherit", 2, "inherit"],
    });
    if (r.status !== 0) {
        console.error(`element: npm ci failed in ${root}`);
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
    if (file.startsWith(TOOLS_MODULES + path.sep)) return "vendor/" + rel(TOOLS_MODULES);
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

/**
 * What older releases need from the build, none of it touching their code (no hook here fires for
 * the default release):
 * - the shell's own imports (src/) resolve in the release's tree, not in ./node_modules;
 * - worker-loader imports (`import BlurhashWorker from "./workers/blurhash.worker.ts"`, up to
 *   3.85): the default export is a Worker class for a separately built workers/x.worker.js, as
 *   webpack's worker-loader made it;
 * - Olm's emscripten glue requires fs/path/crypto on Node only: empty modules in the browser, as
 *   Element Web's webpack config had them;
 * - setImmediate/clearImmediate, which matrix-react-sdk up to 3.92 calls as globals (Element Web's
 *   webpack build supplied them): injected from src/immediate.js (commonOptions).
 */
const SHELL_SHIMS = new Set(["process", "buffer"]);
const OLM_DIR = path.join(NODE_MODULES, "@matrix-org", "olm") + path.sep;

function releasePlugin() {
    return {
        name: "harness-release",
        setup(build) {
            if (!IS_DEFAULT) {
                build.onResolve({ filter: /^[^./]/ }, async (args) => {
                    if (!args.importer.startsWith(SRC + path.sep) || args.pluginData?.harnessShell) return undefined;
                    const name = args.path.split("/").slice(0, args.path.startsWith("@") ? 2 : 1).join("/");
                    if (SHELL_SHIMS.has(name)) return undefined;
                    const r = await build.resolve(args.path, {
                        kind: args.kind,
                        resolveDir: PKG_ROOT,
                        pluginData: { harnessShell: true },
                    });
                    return r.errors.length ? { errors: r.errors } : r;
                });
            }

            build.onResolve({ filter: /^\.\.?\/.*\.worker(\.ts)?$/ }, (args) => {
                if (!args.importer.startsWith(SDK_LIB + path.sep)) return undefined;
                if (args.kind !== "require-call" && args.kind !== "import-statement") return undefined;
                const file = libFileFor(path.resolve(args.resolveDir, args.path));
                if (!file) return { errors: [{ text: `worker source not found: ${args.path}` }] };
                return { path: workerUrl(file), namespace: "harness-worker-class" };
            });
            build.onLoad({ filter: /.*/, namespace: "harness-worker-class" }, (args) => ({
                contents: `
const url = new URL(${JSON.stringify(args.path)}, document.baseURI);
export default class HarnessWorker extends Worker {
    constructor(options) {
        super(url, options);
    }
}
`,
                loader: "js",
            }));

            build.onResolve({ filter: /^(fs|path|crypto)$/ }, (args) =>
                args.importer.startsWith(OLM_DIR) ? { path: args.path, namespace: "harness-empty" } : undefined,
            );
            build.onLoad({ filter: /.*/, namespace: "harness-empty" }, () => ({ contents: "", loader: "js" }));
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
                return { contents, loader: "js", resolveDir: PKG_ROOT };
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
                // Only the library version this was written for; older releases' versions load
                // their WebAssembly as they ship it.
                const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(args.path), "..", "package.json"), "utf8"));
                if (!IS_DEFAULT && pkg.version.split(".")[0] !== "9") return undefined;
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
        // the shell starts Olm before the client (legacy crypto releases; versions/<v>/package.json)
        __HARNESS_OLM__: JSON.stringify(Boolean(HARNESS.olm)),
    },
    // setImmediate for the releases (src/immediate.js); the default release does not call it
    inject: [path.join(SRC, "shims.js"), ...(IS_DEFAULT ? [] : [path.join(SRC, "immediate.js")])],
    plugins: [releasePlugin(), sdkPlugin(), assetPlugin(), cryptoWasmPlugin()],
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
    // a release's build checks what it took from the default tree (below)
    metafile: !IS_DEFAULT,
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

/**
 * A release resolves its own packages in versions/<v>/node_modules, but node's lookup goes on up to
 * ./node_modules (the default release's tree): a package missing from the release's tree would be
 * taken from 3.114.0's without a word. Only the shell's shims (and what they need) may come from
 * there.
 */
function shimClosure() {
    const pkgs = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")).packages;
    const names = new Set();
    const visit = (name) => {
        if (names.has(name)) return;
        names.add(name);
        const meta = pkgs[`node_modules/${name}`];
        for (const dep of Object.keys({ ...meta?.dependencies, ...meta?.optionalDependencies })) visit(dep);
    };
    for (const name of ["process", "buffer", "util"]) visit(name);
    return names;
}
if (!IS_DEFAULT) {
    const allowed = shimClosure();
    const borrowed = new Set();
    for (const input of Object.keys(mainResult.value.metafile.inputs)) {
        if (input.includes(":")) continue; // a plugin's namespace
        const abs = path.resolve(input);
        if (!abs.startsWith(TOOLS_MODULES + path.sep)) continue;
        const parts = path.relative(TOOLS_MODULES, abs).split(path.sep);
        const name = parts[0].startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
        if (!allowed.has(name)) borrowed.add(name);
    }
    if (borrowed.size) {
        console.error(`element ${VERSION}: taken from the default release's tree, not the release's own: ${[...borrowed].join(", ")}`);
        console.error(`element ${VERSION}: build FAILED`);
        process.exit(1);
    }
}

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
// Up to 3.73 the SDK reads {"en": {"fileName", "label"}} (Element Web's i18n plugin wrote that
// then); later ones read {"en": "en_EN.json"} and name languages with Intl.DisplayNames.
const oldLanguagesJson = fs.readFileSync(path.join(SDK_LIB, "languageHandler.js"), "utf8").includes(".fileName");
const languages = oldLanguagesJson ? { en: { fileName: "en_EN.json", label: "English" } } : { en: "en_EN.json" };
fs.writeFileSync(path.join(DIST, "i18n", "languages.json"), JSON.stringify(languages, null, 4) + "\n");
// Up to 3.73 the strings file is Weblate's flat form, a plural as "text|one" and "text|other" keys;
// counterpart (separator "|") looks a plural up as {"text": {"one", "other"}}, the shape Element
// Web's copy-res wrote into its build. Shipped flat, every plural falls back to its key ("1
// sessions"). Later files are nested already and are copied as they are.
const stringsFile = path.join(SDK_SRC, "i18n", "strings", "en_EN.json");
const strings = JSON.parse(fs.readFileSync(stringsFile, "utf8"));
if (Object.keys(strings).some((key) => key.includes("|"))) {
    fs.writeFileSync(path.join(DIST, "i18n", "en_EN.json"), JSON.stringify(counterpartShape(strings), null, 4) + "\n");
} else {
    fs.copyFileSync(stringsFile, path.join(DIST, "i18n", "en_EN.json"));
}

function counterpartShape(flat) {
    const out = {};
    for (const [key, value] of Object.entries(flat)) {
        const bar = typeof value === "string" ? key.indexOf("|") : -1;
        if (bar < 0) {
            // a plain string next to a plural of the same text: it is the plural's "other"
            out[key] = typeof out[key] === "object" ? { other: value, ...out[key] } : value;
            continue;
        }
        const [text, form] = [key.slice(0, bar), key.slice(bar + 1)];
        if (typeof out[text] !== "object") out[text] = typeof out[text] === "string" ? { other: out[text] } : {};
        out[text][form] = value;
    }
    return out;
}

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
const where = IS_DEFAULT ? "dist/" : DIST;
say(`built ${where} in ${((Date.now() - started) / 1000).toFixed(1)} s (${phases})`);
if (!IS_DEFAULT) console.log(DIST);
