import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Dynamic so the answer is computed per request by the running process,
// not frozen into the build output at `next build` time.
export const dynamic = 'force-dynamic';

// The version comes from package.json in the server's working directory, read
// at request time (not imported: an import would be bundled at build time and
// could not show which package.json was actually deployed); "unknown" makes a
// wrong setup visible instead of silently answering "1.0.0".
function version() {
  try {
    return JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

export function GET() {
  return Response.json({ ok: true, version: version() });
}
