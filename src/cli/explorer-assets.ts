import path from 'node:path';
import { buildExplorerAssets } from '../app/explorer/build-assets';
import { explorerAssetsDir } from '../app/explorer/assets-location';

/** Part of `npm run build`: the explorer's browser assets (GraphiQL, React, our page script) into `dist/explorer/`. */
buildExplorerAssets()
  .then(({ built }) => {
    if (built)
      process.stdout.write(`Built the explorer's assets into ${path.relative(process.cwd(), explorerAssetsDir())}\n`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
