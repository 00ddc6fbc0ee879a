import type { Config } from '../../core/config/config-schema.js';

/**
 * The configuration `cdk synth` validated (defaults applied), written into each function's bundle
 * by esbuild's `define` (lib/lambda-function.ts, `bundledConfigIdentifier`). A function starts
 * without validating it again, so neither the schema's checks nor the template checks (and the
 * text-weighing library behind them) ride in its bundle, and it runs with exactly the configuration
 * the stack was built from.
 */
declare const __INCIDENT_COMMS_BUNDLED_CONFIG__: Config;

export const bundledConfig: Config = __INCIDENT_COMMS_BUNDLED_CONFIG__;
