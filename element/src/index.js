// Entry point of the harness's Element Web build.
//
// Boot order matters: several SDK modules read SdkConfig while they are being
// evaluated, so config.json is fetched and put into SdkConfig before any other
// SDK module is even evaluated. That is why everything below is a dynamic
// import(): the bundler keeps those modules unevaluated until asked for.
import * as routing from "./routing.js";

/** Fetch config.json next to the page, at run time (the harness serves its own per run). */
async function fetchConfig() {
    const url = new URL("config.json", document.baseURI);
    url.searchParams.set("cachebuster", String(Date.now()));
    const res = await fetch(url.href, { cache: "no-cache" });
    if (!res.ok) throw new Error(`Could not load ${url.pathname}: HTTP ${res.status}`);
    const text = await res.text();
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new Error(`config.json is not valid JSON: ${e.message}`);
    }
}

/** A plain-DOM error page, for failures before (or instead of) React. */
function showFatalError(title, error) {
    console.error(title, error);
    const root = document.getElementById("matrixchat") ?? document.body;
    root.textContent = "";
    const box = document.createElement("div");
    box.className = "harness_fatal_error";
    box.setAttribute("role", "alert");
    box.style.cssText = "font-family: sans-serif; margin: 4em auto; max-width: 40em; padding: 0 1em;";
    const h = document.createElement("h1");
    h.textContent = title;
    const p = document.createElement("pre");
    p.style.whiteSpace = "pre-wrap";
    p.textContent = String(error?.message ?? error);
    box.append(h, p);
    root.append(box);
}

/**
 * The homeserver to use, validated the way the SDK wants it
 * (AutoDiscoveryUtils, syntax only: the server need not be up yet).
 */
async function validatedServerConfig(config, { AutoDiscoveryUtils, AutoDiscovery, Lifecycle }) {
    let validated;
    try {
        const wellKnown = config.default_server_config;
        if (wellKnown?.["m.homeserver"]?.base_url) {
            validated = await AutoDiscoveryUtils.validateServerConfigWithStaticUrls(
                wellKnown["m.homeserver"].base_url,
                wellKnown["m.identity_server"]?.base_url,
                true,
            );
            // The static-URL validation names the server after the URL's host;
            // the config may name it properly (e.g. "localhost" behind 127.0.0.1).
            const serverName = wellKnown["m.homeserver"].server_name;
            if (serverName) {
                validated.hsName = serverName;
                validated.hsNameIsDifferent = new URL(validated.hsUrl).hostname !== serverName;
            }
        } else if (config.default_hs_url) {
            validated = await AutoDiscoveryUtils.validateServerConfigWithStaticUrls(
                config.default_hs_url,
                config.default_is_url,
                true,
            );
        } else if (config.default_server_name) {
            const discovery = await AutoDiscovery.findClientConfig(config.default_server_name);
            validated = await AutoDiscoveryUtils.buildValidatedConfigFromDiscovery(
                config.default_server_name,
                discovery,
                true,
            );
        } else {
            throw new Error("config.json names no homeserver (default_server_config or default_hs_url)");
        }
    } catch (e) {
        // A stored session still knows its homeserver: keep it usable.
        const { hsUrl, isUrl, userId } = await Lifecycle.getStoredSessionVars();
        if (!hsUrl || !userId) throw e;
        console.warn("Server config invalid; using the stored session's homeserver", e);
        validated = await AutoDiscoveryUtils.validateServerConfigWithStaticUrls(hsUrl, isUrl, true);
    }
    validated.isDefault = true;
    return validated;
}

function onTokenLoginCompleted() {
    // Drop the delegated-auth parameters from the query string.
    const url = new URL(window.location.href);
    for (const key of ["loginToken", "state", "code"]) url.searchParams.delete(key);
    window.history.replaceState(null, "", url.href);
}

async function start() {
    const config = await fetchConfig();

    const { default: SdkConfig } = await import("matrix-react-sdk/lib/SdkConfig");
    SdkConfig.put(config);

    // Legacy crypto (releases up to 3.92): Olm must be ready before the client starts.
    /* global __HARNESS_OLM__ */
    if (__HARNESS_OLM__) await (await import("./olm.js")).loadOlm();

    // Console capture for bug reports; must come before the bulk of the SDK logs anything.
    const rageshake = await import("matrix-react-sdk/lib/rageshake/rageshake");
    try {
        await rageshake.init();
    } catch (e) {
        console.warn("rageshake init failed", e);
    }

    const [
        React,
        ReactDOM,
        { default: PlatformPeg },
        { default: HarnessPlatform },
        languageHandler,
        { setTheme },
        { default: AutoDiscoveryUtils },
        { AutoDiscovery },
        Lifecycle,
        { default: MatrixChat },
    ] = await Promise.all([
        import("react"),
        import("react-dom"),
        import("matrix-react-sdk/lib/PlatformPeg"),
        import("./platform.js"),
        import("matrix-react-sdk/lib/languageHandler"),
        import("matrix-react-sdk/lib/theme"),
        import("matrix-react-sdk/lib/utils/AutoDiscoveryUtils"),
        import("matrix-js-sdk/lib/autodiscovery"),
        import("matrix-react-sdk/lib/Lifecycle"),
        import("matrix-react-sdk/lib/components/structures/MatrixChat"),
    ]);

    const platform = new HarnessPlatform(config);
    PlatformPeg.set(platform);

    await languageHandler.setLanguage("en");
    document.documentElement.setAttribute("lang", languageHandler.getCurrentLanguage());

    try {
        await setTheme();
    } catch (e) {
        // e.g. a saved theme this build has no stylesheet for
        console.warn("setTheme failed, falling back to light", e);
        await setTheme("light");
    }

    const serverConfig = await validatedServerConfig(config, { AutoDiscoveryUtils, AutoDiscovery, Lifecycle });
    SdkConfig.add({ validated_server_config: serverConfig });

    routing.init();
    const fragment = routing.screenFromLocation(window.location);
    const fullConfig = SdkConfig.get();

    const element = React.createElement(MatrixChat, {
        ref: (instance) => {
            window.matrixChat = instance;
            routing.attach(instance);
        },
        config: fullConfig,
        serverConfig,
        onNewScreen: routing.onNewScreen,
        realQueryParams: routing.parseQueryString(window.location.search),
        startingFragmentQueryParams: fragment.params,
        enableGuest: !fullConfig.disable_guests,
        onTokenLoginCompleted,
        initialScreenAfterLogin: routing.initialScreenAfterLogin(window.location),
        defaultDeviceDisplayName: fullConfig.default_device_display_name ?? platform.getDefaultDeviceDisplayName(),
    });
    ReactDOM.render(element, document.getElementById("matrixchat"));
}

start().catch((e) => showFatalError("Element failed to start", e));
