/** The go.mod and go.work parser. */
export { GoModSyntaxError } from './errors.js';
export { parseGoMod, type ParseGoModOptions } from './parse-go-mod.js';
export { parseDependencyGoMod } from './dependency-go-mod.js';
export { parseGoWork } from './parse-go-work.js';
