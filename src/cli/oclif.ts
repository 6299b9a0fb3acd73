// oclif's entry for bin/run.js. scripts/bundle.js bundles @oclif/core into the same chunks as
// the commands (one copy, shared): loading it from node_modules reads some 160 CommonJS files,
// which cost more than Node's own start.
export { execute } from '@oclif/core';
