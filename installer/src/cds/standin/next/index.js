// A stand-in for Next.js in the release that trains class-data sharing (installer/src/cds/README.md).
// It answers every page with HTML that names one static chunk, as a Next build's index does, and
// serves .next/static, so an install of the release passes its smoke start with no Next installed.
const fs = require('fs');
const path = require('path');

module.exports = function next(options) {
  const staticDir = path.join(options.dir, '.next', 'static');
  return {
    prepare: () => Promise.resolve(),
    getRequestHandler: () => (req, res) => {
      const url = req.url.split('?')[0];
      if (url.startsWith('/_next/static/')) {
        const file = path.join(staticDir, path.normalize(url.slice('/_next/static/'.length)));
        const found = file.startsWith(staticDir + path.sep) && fs.existsSync(file);
        res.statusCode = found ? 200 : 404;
        res.setHeader('content-type', 'text/javascript');
        res.end(found ? fs.readFileSync(file) : '');
        return;
      }
      res.setHeader('content-type', 'text/html');
      res.end('<!DOCTYPE html><html><head><script src="/_next/static/chunks/c0.js" async></script></head>'
        + '<body>training</body></html>');
    },
  };
};
