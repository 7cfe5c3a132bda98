// Runs before the app's modules (a classic script in index.html). The full zod compiles
// object schemas with `new Function` and probes whether it may when its first one is
// built; the Content-Security-Policy allows no eval, so that probe would be reported as a
// violation on every page. The app's zod/mini builds no compiled schemas (the bundle holds
// no probe today), and this keeps it so if one that compiles, or z.compile, comes in.
// This is where z.config({ jitless: true }) stores it, set before zod loads: setting it
// from a module would run after the bundle's shared chunk built schemas.
globalThis.__zod_globalConfig = { jitless: true };
