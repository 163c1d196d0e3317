export * from './auth.ts';
export * from './roles.ts';
