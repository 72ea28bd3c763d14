// A stand-in for @next/env (installer/src/cds/README.md): the installer passes the env file's values itself.
module.exports = { loadEnvConfig: () => ({ combinedEnv: process.env, loadedEnvFiles: [] }) };
