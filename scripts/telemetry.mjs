// Telemetry of every tool in the chain stays off, whichever script starts them.
export const quietEnv = {
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  REDOCLY_TELEMETRY: 'off',
  SCARF_ANALYTICS: 'false',
  COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
};
Object.assign(process.env, quietEnv);
