/** Types of securityHeaders.js (CommonJS, shared with next.config.mjs). */
export declare const securityHeaders: ReadonlyArray<{ key: string; value: string }>;
