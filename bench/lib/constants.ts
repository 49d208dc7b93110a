/** Shared constants (kept apart from world.ts so the baseline never loads n8n). */
export const CLIENT_ID = '1000.BENCHCLIENTID0001';
export const CLIENT_SECRET = 'bench-client-secret';
export const ORG_ID = '60012345678';
/** Effectively no client-side pacing: used wherever the sandbox enforces no per-minute limit. */
export const UNPACED = 1_000_000_000;
