// Which build is running: a hash of the sources and the lock file the bundle was made from,
// set by scripts/build.ts; undefined when running from the sources or tsc's tree. Work a build
// checked once (the scenario files' definitions) need not be checked again by the same build.
declare const MAHAK_BUILD_ID: string | undefined;

export const buildId: string | undefined = typeof MAHAK_BUILD_ID === 'string' ? MAHAK_BUILD_ID : undefined;
