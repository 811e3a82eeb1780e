/** Types of securityHeaders.js (CommonJS, shared with next.config.js). */
export declare const securityHeaders: ReadonlyArray<{ key: string; value: string }>;
