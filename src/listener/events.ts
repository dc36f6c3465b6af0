// The lifecycle base lives in src/shared/lifecycle.ts; this re-export keeps forwarder.ts's import
// working until the branch that rewrites forwarder.ts imports it from there.
export { Emitter, type Disposable, type Event } from '../shared/lifecycle';
