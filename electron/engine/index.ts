// The engine's public face for its hosts (Electron's engine process, the CLI, the development bridge).
export { diagnose, selectChecks, UnknownCheckError, type DiagnoseOptions } from './diagnose.js';
export { builtinProfile, loadProfile, parseProfile, ProfileError, BUILTIN_PROFILE } from './profile.js';
export { ALL_CHECKS } from './checks/index.js';
