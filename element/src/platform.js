// The harness's web platform: the app-layer half of Element that the SDK
// reaches through PlatformPeg. Only what a plain browser tab can do.
import BasePlatform from "matrix-react-sdk/lib/BasePlatform";

/* global __ELEMENT_APP_VERSION__ */
const APP_VERSION = typeof __ELEMENT_APP_VERSION__ === "string" ? __ELEMENT_APP_VERSION__ : "unknown";

function describeBrowser() {
    const ua = navigator.userAgent || "";
    // Order matters: Edge and Chromium-based browsers also claim Chrome/Safari.
    const browsers = [
        ["Edge", /Edg\//],
        ["Opera", /OPR\//],
        ["Firefox", /Firefox\//],
        ["Chrome", /(Chrome|Chromium|HeadlessChrome)\//],
        ["Safari", /Safari\//],
    ];
    const systems = [
        ["Android", /Android/],
        ["iOS", /iPhone|iPad|iPod/],
        ["Windows", /Windows/],
        ["macOS", /Mac OS X|Macintosh/],
        ["Linux", /Linux|X11/],
    ];
    const browser = browsers.find(([, re]) => re.test(ua))?.[0] ?? "Browser";
    const os = systems.find(([, re]) => re.test(ua))?.[0];
    return os ? `${browser} on ${os}` : browser;
}

export default class HarnessPlatform extends BasePlatform {
    /**
     * @param {object} config the parsed config.json the page was started with
     */
    constructor(config) {
        super();
        this.config = config;
    }

    async getConfig() {
        return this.config;
    }

    getHumanReadableName() {
        return "Web Platform";
    }

    getDefaultDeviceDisplayName() {
        const brand = this.config?.brand || "Element";
        return `${brand} Web (${describeBrowser()})`;
    }

    async getAppVersion() {
        return APP_VERSION;
    }

    reload() {
        window.location.reload();
    }

    supportsNotifications() {
        return typeof window.Notification === "function";
    }

    maySendNotifications() {
        return this.supportsNotifications() && window.Notification.permission === "granted";
    }

    async requestNotificationPermission() {
        if (!this.supportsNotifications()) return "denied";
        // Older browsers only support the callback form; newer return a promise.
        return new Promise((resolve) => {
            const maybePromise = window.Notification.requestPermission(resolve);
            if (maybePromise && typeof maybePromise.then === "function") maybePromise.then(resolve, () => resolve("denied"));
        });
    }
}
