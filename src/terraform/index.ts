// The public face of src/terraform: everything else in the project imports from here.
export * from './errors.js';
export * from './runner.js';
export * from './types.js';
export * from './version.js';
export * from './init.js';
export * from './state.js';
export * from './show.js';
export * from './plan.js';
export * from './plan-stream.js';
export * from './providers.js';
export * from './fmt.js';
export * from './apply.js';
export * from './get.js';
export * from './console.js';
export * from './validate.js';
export * from './workspace.js';
