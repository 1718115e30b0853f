/** Chromium's path: CHROMIUM_PATH when set (null if not executable), else the first Chromium on the PATH, else null. */
export function findChromium(): string | null;
/** The first executable named `name` on the PATH, or null. */
export function onPath(name: string): string | null;
