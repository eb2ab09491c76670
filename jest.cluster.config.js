// The cluster tests (`npm run test:cluster`): they run against the Galera cluster of `npm run cluster:up`, whose
// addresses come from CLUSTER_NODE_URLS, CLUSTER_FRONT_URL and CLUSTER_API_URL (or its state file). Apart from
// `npm test`, which has no cluster; this command fails, rather than skips, without one.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/cluster'],
  testMatch: ['**/*.cluster-spec.ts'],
  // One cluster for all: the specs run one after the other so that one's failover is not another's failure.
  maxWorkers: 1,
};
