export * from './client';
export * from './errors';
export * from './pacing';
export * from './pagination';
export * from './retry';
export * from './types';
