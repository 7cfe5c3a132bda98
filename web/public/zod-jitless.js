// Runs before the app's modules (a classic script in index.html). zod compiles schemas
// with `new Function` and probes whether it may when its first schema is built; the
// Content-Security-Policy allows no eval, so that probe would be reported as a violation
// on every page. This is where z.config({ jitless: true }) stores it, set before zod
// loads: setting it from a module would run after the bundle's shared chunk built schemas.
globalThis.__zod_globalConfig = { jitless: true };
