// The browser tests (`npm run test:browser`): a real Chromium drives the explorer. Apart from `npm test`, which
// runs where no browser is installed; this command fails, rather than skips, without one.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.browser-spec.ts'],
  // One browser at a time: Chromium is heavy and CI machines are small.
  maxWorkers: 1,
};
