// `mahak --version`: the version in Mahak's own package.json, found above this file wherever
// it runs from (the sources in a checkout, or a build inside node_modules).
import { mahakPackage } from '../package-root.js';

export const mahakVersion = (): string => mahakPackage()?.version ?? 'unknown';
