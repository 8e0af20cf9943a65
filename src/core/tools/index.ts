export * from './schemas';
export * from './run';
