export * from './admin.ts';
export * from './auth.ts';
export * from './comments.ts';
export * from './ids.ts';
export * from './projects.ts';
export * from './roles.ts';
export * from './tasks.ts';
export * from './text.ts';
