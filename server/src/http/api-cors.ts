import cors from 'cors';
import type { RequestHandler } from 'express';
import { CORS_POLICY } from '../web/cors-policy.ts';

/** The API's CORS on Express (`cors`), from the policy every host applies (web/cors-policy.ts). */
export function apiCors(appOrigins: readonly string[]): RequestHandler {
  return cors({
    origin: [...appOrigins],
    methods: [...CORS_POLICY.methods],
    allowedHeaders: [...CORS_POLICY.allowedHeaders],
    maxAge: CORS_POLICY.maxAgeSeconds,
  });
}
