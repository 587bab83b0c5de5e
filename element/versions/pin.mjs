#!/usr/bin/env node
// Writes element/versions/<version>/package.json and package-lock.json for one matrix-react-sdk
// release, with the dependency tree that release was made with: its own yarn.lock at its git tag.
//
//   node versions/pin.mjs 3.92.0 DIR [--olm] [--substitute name@old=new ...] [--runtime-dev name ...]
//
// DIR holds the release's yarn.lock and package.json at its tag, e.g. from a matrix-react-sdk
// checkout: `git show v3.92.0:yarn.lock > DIR/yarn.lock; git show v3.92.0:package.json > DIR/package.json`.
// The package.json's yarn `resolutions` (forced versions, e.g. @radix-ui/react-id in 3.103.0)
// become npm `overrides`.
// --runtime-dev: a package the release's lib/ requires at run time but lists only in its
// devDependencies (matrix-web-i18n from 3.85 on; Element Web's own tree had it): added as a
// dependency with the release's range, so the yarn.lock pins it like the rest.
// --substitute: a version the yarn.lock names that the registry no longer has (unpublished) is
// replaced by another one of the same range; recorded in package.json's harness.substitutions.
//
//
// How: npm (Arborist) reads a yarn.lock lying next to package.json when it has no package-lock.json,
// and resolves every `name@range` that the yarn.lock has an entry for to exactly the version and
// tarball recorded there. The release's yarn.lock holds its whole tree (matrix-js-sdk and all), so
// `npm install --package-lock-only` beside it writes a package-lock.json of the release's own pins;
// the yarn.lock is then removed, and `npm ci` (build.mjs) installs that lock. The publish dates on
// the registry could not recreate this tree: ranges like ^1.5.0 would pick whatever is newest.
// Afterwards every package under matrix-react-sdk is checked against the yarn.lock's versions.
//
// Only the release's runtime tree is installed here (matrix-react-sdk, react, react-dom, and Olm
// where the shell starts it). The build tools (esbuild, postcss and its plugins) and the shell's
// Node shims (process, buffer, util) come from element/node_modules, the default build's tree, so
// every release is built by the same toolchain and none of them shifts a release's own pins (e.g.
// sanitize-html's postcss). Peer dependencies are left to the tree as yarn 1 did
// (legacy-peer-deps, also in the folder's .npmrc for npm ci): npm 7+ would add e.g. blurhash 2 for
// react-blurhash's peer range next to the release's blurhash 1.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ELEMENT = path.dirname(HERE);

const [version, fromDir, ...flags] = process.argv.slice(2);
if (!version || !fromDir) {
    console.error("usage: node versions/pin.mjs <version> <dir with yarn.lock and package.json of v<version>> [--olm]");
    process.exit(2);
}
const olm = flags.includes("--olm");
let yarnLock = fs.readFileSync(path.join(fromDir, "yarn.lock"), "utf8");
const tagPkg = JSON.parse(fs.readFileSync(path.join(fromDir, "package.json"), "utf8"));
if (tagPkg.version !== version) throw new Error(`${fromDir}/package.json is ${tagPkg.version}, not ${version}`);
const substitutions = {};
const runtimeDev = {};
for (let i = 0; i < flags.length; i++) {
    if (flags[i] !== "--runtime-dev") continue;
    const name = flags[++i];
    const range = tagPkg.devDependencies?.[name];
    if (!range) throw new Error(`--runtime-dev: ${name} is not a devDependency of ${version}`);
    runtimeDev[name] = range;
}
for (let i = 0; i < flags.length; i++) {
    if (flags[i] !== "--substitute") continue;
    const m = /^(@?[^@]+)@([^=]+)=(.+)$/.exec(flags[++i] ?? "");
    if (!m) throw new Error("--substitute wants name@old=new");
    const [, name, oldV, newV] = m;
    const bare = name.split("/").pop();
    // the entry: version line, resolved tarball (integrity dropped: npm records the new one)
    const entry = new RegExp(`(\n"?${name.replace(/[/@]/g, "\\$&")}@[^\n]*:\n)  version "${oldV}"\n  resolved "[^"]*"\n(  integrity [^\n]*\n)?`);
    if (!entry.test(yarnLock)) throw new Error(`--substitute: no ${name}@${oldV} entry in the yarn.lock`);
    yarnLock = yarnLock.replace(entry, `$1  version "${newV}"\n  resolved "https://registry.yarnpkg.com/${name}/-/${bare}-${newV}.tgz"\n`);
    substitutions[`${name}@${oldV}`] = `${newV} (${oldV} is no longer on the registry)`;
}

/** name -> Set of versions in a yarn v1 lockfile */
function yarnVersions(text) {
    const out = new Map();
    let names = [];
    for (const line of text.split("\n")) {
        if (/^\S/.test(line) && line.endsWith(":")) {
            names = line.slice(0, -1).split(/,\s*/).map((k) => {
                k = k.replace(/^"|"$/g, "");
                return k.slice(0, k.indexOf("@", 1));
            });
        } else {
            const m = /^ {2}version "([^"]+)"/.exec(line);
            if (m) for (const n of names) (out.get(n) ?? out.set(n, new Set()).get(n)).add(m[1]);
        }
    }
    return out;
}
const fromYarn = yarnVersions(yarnLock);
const jsSdk = [...(fromYarn.get("matrix-js-sdk") ?? [])];
if (jsSdk.length !== 1) throw new Error(`yarn.lock pins ${jsSdk.length} matrix-js-sdk versions: ${jsSdk}`);

const pkg = {
    name: `harness-element-web-${version}`,
    version: "0.0.0",
    private: true,
    description: `Element Web ${version} for the harness: matrix-react-sdk ${version} with the tree of its own yarn.lock`,
    harness: {
        "matrix-react-sdk": version,
        "matrix-js-sdk": jsSdk[0],
        // the shell starts Olm (legacy crypto) before the client, as Element Web did
        olm,
        pinnedFrom: `matrix-react-sdk v${version}:yarn.lock (element/versions/pin.mjs)`,
        ...(Object.keys(substitutions).length ? { substitutions } : {}),
        ...(Object.keys(runtimeDev).length ? { runtimeDevDependencies: Object.keys(runtimeDev) } : {}),
    },
    dependencies: {
        "matrix-react-sdk": version,
        react: "17.0.2",
        "react-dom": "17.0.2",
        ...(olm ? { "@matrix-org/olm": "3.2.15" } : {}),
        ...runtimeDev,
    },
    // yarn's resolutions of the release, as npm overrides
    ...(tagPkg.resolutions ? { overrides: tagPkg.resolutions } : {}),
};

const dir = path.join(HERE, version);
fs.mkdirSync(dir, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), `element-pin-${version}-`));
fs.writeFileSync(path.join(work, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
fs.writeFileSync(path.join(work, "yarn.lock"), yarnLock);
const NPMRC = "legacy-peer-deps=true\n";
fs.writeFileSync(path.join(work, ".npmrc"), NPMRC);
const r = spawnSync("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: work,
    stdio: "inherit",
});
if (r.status !== 0) process.exit(1);

const lock = JSON.parse(fs.readFileSync(path.join(work, "package-lock.json"), "utf8"));
lock.name = pkg.name;
lock.packages[""].name = pkg.name;

// Every package that matrix-react-sdk brings in must be at a version its yarn.lock names.
const tools = new Set();
const byPath = lock.packages;
function walk(key, seen) {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of Object.keys({ ...byPath[key]?.dependencies, ...byPath[key]?.optionalDependencies, ...byPath[key]?.peerDependencies })) {
        // node resolution: nearest node_modules/dep upwards from key
        let base = key;
        for (;;) {
            const cand = (base ? base + "/" : "") + "node_modules/" + dep;
            if (byPath[cand]) {
                walk(cand, seen);
                break;
            }
            if (!base) break;
            const i = base.lastIndexOf("/node_modules/");
            base = i < 0 ? "" : base.slice(0, i);
        }
    }
}
const sdkTree = new Set();
walk("node_modules/matrix-react-sdk", sdkTree);
walk("node_modules/react", sdkTree);
walk("node_modules/react-dom", sdkTree);
for (const name of Object.keys(runtimeDev)) walk(`node_modules/${name}`, sdkTree);
const off = [];
for (const key of sdkTree) {
    const name = key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
    const v = byPath[key].version;
    if (substitutions[`${name}@${[...(fromYarn.get(name) ?? [])][0]}`]?.startsWith(v + " ")) continue;
    if (key === "node_modules/matrix-react-sdk") continue; // the release itself, not in its own lock
    if (!fromYarn.get(name)?.has(v)) off.push(`${name}@${v} (yarn.lock: ${[...(fromYarn.get(name) ?? [])].join(", ") || "none"})`);
}
fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
fs.writeFileSync(path.join(dir, ".npmrc"), NPMRC);
fs.writeFileSync(path.join(dir, "package-lock.json"), JSON.stringify(lock, null, 2) + "\n");
fs.rmSync(work, { recursive: true, force: true });
console.log(`${version}: ${sdkTree.size} packages under matrix-react-sdk/react, ${off.length} not at a yarn.lock version`);
for (const o of off) console.log("  " + o);
if (off.length) process.exitCode = 1;
