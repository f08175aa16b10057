// `mahak --version`: the version in Mahak's own package.json, found above this file wherever
// it runs from (the sources in a checkout, or a build inside node_modules).
export { mahakVersion } from '../package-root.js';
