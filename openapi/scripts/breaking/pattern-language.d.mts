// Types for pattern-language.mjs.
/** Whether every string `narrow` matches is matched by `wide`; undefined when it cannot tell. */
export function patternCovers(wide: string, narrow: string): boolean | undefined;
