export * from './export-file';
export * from './export-query';
