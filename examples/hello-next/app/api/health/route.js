import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Dynamic so the answer is computed per request by the running process,
// not frozen into the build output at `next build` time.
export const dynamic = 'force-dynamic';

// Where the version comes from, in order:
//  1. APP_VERSION, if the environment sets it;
//  2. package.json in the server's working directory, read at request time
//     (not imported: an import would be bundled at build time and could not
//     show which package.json was actually deployed);
//  3. "unknown", so a wrong setup is visible instead of silently "1.0.0".
function version() {
  if (process.env.APP_VERSION) return process.env.APP_VERSION;
  try {
    return JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

export function GET() {
  return Response.json({ ok: true, version: version() });
}
